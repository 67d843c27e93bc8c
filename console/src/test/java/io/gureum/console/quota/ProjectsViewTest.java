package io.gureum.console.quota;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class ProjectsViewTest extends SpringBrowserlessTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    QuotaService quotas;

    @Autowired
    ProjectService projects;

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    TaskService tasks;

    @Test
    void an_administrator_edits_a_limit_in_place() {
        Tenant t = fixtures.tenant("edit");
        ProjectsView view = navigate(ProjectsView.class);

        IntegerField vcpus = field(view, t.id(), VCPUS);
        assertThat(vcpus.getId()).hasValue("limit-" + t.id() + "-vcpus");
        test(vcpus).setValue(3);

        assertThat(quotas.limits(t.id()).vcpus()).isEqualTo(3);
        assertThat(quotas.limits(t.id()).memoryMib()).isEqualTo(16384);
    }

    @Test
    void an_administrator_creates_a_project_with_an_owner() {
        var owner = fixtures.user("new-owner");
        ProjectsView view = navigate(ProjectsView.class);
        String name = Actors.unique("created");

        test(view.newName).setValue(name);
        test(view.newOwner).setValue(owner.username());
        test($(com.vaadin.flow.component.button.Button.class).id("create-project")).click();

        assertThat(asAdmin(projects::visibleProjects)).extracting(ProjectSummary::name).contains(name);
        assertThat(Actors.asUser(owner.username(), projects::visibleProjects)).extracting(ProjectSummary::myRole)
                .containsExactly(io.gureum.console.project.ProjectRole.OWNER);
    }

    @Test
    void a_project_name_with_a_leading_space_is_refused_next_to_the_name_field_not_in_a_toast() {
        ProjectsView view = navigate(ProjectsView.class);
        assertThat(view.newName.getHelperText()).isEqualTo(ProjectService.NAME_RULE.rule());

        test(view.newName).setValue(" leading-space");
        test($(com.vaadin.flow.component.button.Button.class).id("create-project")).click();

        assertThat(view.newName.isInvalid()).isTrue();
        assertThat(view.newName.getErrorMessage()).startsWith("Project name ' leading-space' starts with white space");
        assertThat($(Notification.class).all()).isEmpty();
        assertThat(asAdmin(projects::visibleProjects)).extracting(ProjectSummary::name)
                .doesNotContain("leading-space", " leading-space");
    }

    @Test
    void a_negative_or_overflowing_limit_stays_in_its_field_with_the_reason_and_changes_nothing() {
        Tenant t = fixtures.tenant("neg");
        ProjectsView view = navigate(ProjectsView.class);
        ResourceAmounts before = quotas.limits(t.id());

        IntegerField vcpus = field(view, t.id(), VCPUS);
        vcpus.setValue(-1);
        assertThat(vcpus.isInvalid()).isTrue();
        assertThat(vcpus.getErrorMessage()).isEqualTo("Quota amounts are 0 or more: vCPUs cannot be -1.");

        IntegerField memory = field(view, t.id(), VCPUS + 1);
        memory.getElement().setProperty("value", "99999999999");
        assertThat(memory.isInvalid()).isTrue();
        assertThat(memory.getErrorMessage()).isEqualTo("'99999999999' is not a whole number from 0 to 2147483647.");
        assertThat(quotas.limits(t.id())).isEqualTo(before);
    }

    @Test
    void each_limit_shows_its_usage_and_a_lowered_limit_marks_the_project_over_quota() {
        Tenant t = fixtures.tenant("bars");
        try (SimulatedHost ignored = SimulatedHost.only(hosts, images)) {
            VmOperation vm = asUser(t.member().username(), () -> vms.create(new NewVm("bar", t.id(),
                    ImageCatalog.TINY_LINUX, 2, 256, null)));
            tasks.await(vm.taskId(), Duration.ofSeconds(60));
            asAdmin(() -> quotas.setLimits(t.id(), new ResourceAmounts(8, 16384, 200, 1, 10, 4, 8192)));

            ProjectsView view = navigate(ProjectsView.class);
            UsageBar vcpus = bar(view, t.id(), VCPUS);
            assertThat(vcpus.getId()).hasValue("usage-" + t.id() + "-vcpus");
            assertThat(vcpus.text()).isEqualTo("2 / 8 vCPUs");
            assertThat(vcpus.bar().getValue()).isEqualTo(0.25);
            assertThat(bar(view, t.id(), VCPUS + 1).text()).isEqualTo("256 / 16384 MiB memory");
            assertThat(bar(view, t.id(), VCPUS + 3).text()).isEqualTo("1 / 1 VMs");
            assertThat(badge(view, t.id())).isEqualTo("near quota");

            // An administrator lowers the vCPU limit below what the project uses: allowed, and shown.
            test(field(view, t.id(), VCPUS)).setValue(1);
            assertThat(quotas.limits(t.id()).vcpus()).isEqualTo(1);
            assertThat(badge(view, t.id())).isEqualTo("over quota");
            assertThat(bar(view, t.id(), VCPUS).text()).isEqualTo("2 / 1 vCPUs");
            assertThat(bar(view, t.id(), VCPUS).bar().getValue()).isEqualTo(1.0);

            tasks.await(vms.delete(vm.vm().id()).taskId(), Duration.ofSeconds(60));
        }
    }

    @Test
    void a_member_sees_usage_without_fields_to_edit() {
        Tenant t = fixtures.tenant("seen");
        asUser(t.viewer().username(), () -> {
            ProjectsView view = navigate(ProjectsView.class);
            assertThat(bar(view, t.id(), VCPUS + 3).text()).isEqualTo("0 / 5 VMs");
            assertThat(cell(view, t.id(), VCPUS).getChildren()).noneMatch(IntegerField.class::isInstance);
            assertThat(badge(view, t.id())).isNull();
        });
    }

    /** Grid column of the vCPU limit; the other limits follow in the quota's order. */
    static final int VCPUS = 3;

    private com.vaadin.flow.component.Component cell(ProjectsView view, long projectId, int column) {
        int row = java.util.stream.IntStream.range(0, test(view.grid).size())
                .filter(i -> test(view.grid).getRow(i).project().id() == projectId).findFirst().orElseThrow();
        return test(view.grid).getCellComponent(row, column);
    }

    private IntegerField field(ProjectsView view, long projectId, int column) {
        return (IntegerField) cell(view, projectId, column).getChildren().filter(IntegerField.class::isInstance)
                .findFirst().orElseThrow();
    }

    private UsageBar bar(ProjectsView view, long projectId, int column) {
        return (UsageBar) cell(view, projectId, column).getChildren().filter(UsageBar.class::isInstance)
                .findFirst().orElseThrow();
    }

    private String badge(ProjectsView view, long projectId) {
        return cell(view, projectId, 1).getChildren().filter(c -> c.hasClassName("quota-badge")).findFirst()
                .map(c -> ((Span) c).getText()).orElse(null);
    }
}
