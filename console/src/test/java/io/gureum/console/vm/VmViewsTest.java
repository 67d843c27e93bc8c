package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** By route: a VM's page opens for its project's people and answers "no such VM" to everyone else. */
@ConsoleTest
@WithMockUser(username = VmViewsTest.VIEWER, roles = "USER")
class VmViewsTest extends SpringBrowserlessTest {

    static final String VIEWER = "vm-page-viewer";

    @Autowired
    Fixtures fixtures;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    HostService hosts;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    ImageCatalog images;

    HostSummary simulated;
    VmSummary mine;
    VmSummary theirs;

    @BeforeEach
    void one_vm_in_my_project_and_one_in_another() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        if (identity.findByUsername(VIEWER).isEmpty()) {
            asAdmin(() -> identity.createUser(VIEWER, "Viewer", Fixtures.PASSWORD, false));
        }
        Fixtures.Tenant myTenant = fixtures.tenant("page");
        Fixtures.Tenant otherTenant = fixtures.tenant("elsewhere");
        Actors.asUser(myTenant.owner().username(), () -> projects.addMember(myTenant.id(), VIEWER, ProjectRole.VIEWER));
        simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("page"), "test:///default", "", "")));
        mine = create(myTenant.id(), "shown");
        theirs = create(otherTenant.id(), "hidden");
    }

    private VmSummary create(long projectId, String name) {
        return asAdmin(() -> {
            VmOperation op = vms.create(new NewVm(name, projectId, ImageCatalog.TINY_LINUX, 1, 128, simulated.id()));
            tasks.await(op.taskId(), Duration.ofSeconds(60));
            return vms.get(op.vm().id());
        });
    }

    @AfterEach
    void cleanUp() {
        asAdmin(() -> {
            for (VmSummary vm : new VmSummary[] {mine, theirs}) {
                tasks.await(vms.delete(vm.id()).taskId(), Duration.ofSeconds(60));
            }
            hosts.remove(simulated.id());
        });
    }

    @Test
    void a_viewer_opens_the_page_of_a_vm_of_their_project() {
        UI.getCurrent().navigate("vms/" + mine.id());

        VmDetailView view = (VmDetailView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("shown");
        assertThat(view.facts.getText()).contains("Host " + simulated.name(), "1 vCPU", "128 MiB");
        assertThat(view.restartPolicy.getValue()).isEqualTo(RestartPolicy.NEVER);
        assertThat(view.statsText.getText()).contains("memory", "MiB");
        assertThat(view.history.size()).isEqualTo(1);
        // A viewer is no owner: the audit entries are not shown, and the page says why.
        assertThat(view.auditHolder.getElement().getTextRecursively()).contains("owners");
        assertThat(view.stateChanges.getElement().getTextRecursively()).isNotBlank();
    }

    @Test
    void another_projects_vm_and_a_made_up_id_both_answer_no_such_vm() {
        for (String guess : new String[] {theirs.id().toString(), UUID.randomUUID().toString(), "not-a-uuid"}) {
            UI.getCurrent().navigate("vms/" + guess);

            assertThat($(Paragraph.class).id("vm-not-found").getText())
                    .isEqualTo("There is no virtual machine " + guess + ".");
            assertThat(getCurrentView().getElement().getOuterHTML()).doesNotContain("hidden");
        }
    }

    @Test
    void the_grid_lists_only_my_projects_vms() {
        VirtualMachinesView view = navigate(VirtualMachinesView.class);

        assertThat(test(view.grid).size()).isPositive();
        for (int row = 0; row < test(view.grid).size(); row++) {
            assertThat(test(view.grid).getRow(row).id()).isNotEqualTo(theirs.id());
        }
    }

    @Test
    void a_stopped_vm_shows_no_screen_picture_but_says_so() {
        asAdmin(() -> tasks.await(vms.forceOff(mine.id()).taskId(), Duration.ofSeconds(60)));
        UI.getCurrent().navigate("vms/" + mine.id());

        VmDetailView view = (VmDetailView) getCurrentView();
        assertThat(view.stateHolder.getElement().getTextRecursively()).isEqualTo("stopped");
        assertThat($(Paragraph.class).id("vm-no-screen").getText()).isEqualTo("The VM is stopped: no screen.");
        assertThat(view.screenshot.getChildren().filter(com.vaadin.flow.component.html.Image.class::isInstance))
                .isEmpty();
        // libvirt's raw reason ("stopped (destroyed)") is said in words.
        assertThat(view.stateReason.getText()).doesNotContain("(").doesNotContain("_");
        assertThat(view.cpuChart.current.getText()).isEqualTo("no figures yet");
    }

    @Test
    @WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
    void a_rows_menu_offers_what_the_vms_state_allows_and_forces_it_off() throws InterruptedException {
        VirtualMachinesView view = navigate(VirtualMachinesView.class);
        int row = -1;
        for (int i = 0; i < test(view.grid).size(); i++) {
            if (test(view.grid).getRow(i).id().equals(mine.id())) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        int actions = view.grid.getColumns().size() - 1;
        assertThat(test(view.grid).getHeaderCell(actions)).isEqualTo("Actions");
        assertThat(test(view.grid).getLitRendererPropertyValue(row, actions, "canForceOff", Boolean.class)).isTrue();
        assertThat(test(view.grid).getLitRendererPropertyValue(row, actions, "canStart", Boolean.class)).isFalse();

        test(view.grid).invokeLitRendererFunction(row, actions, "act",
                new tools.jackson.databind.ObjectMapper().createArrayNode().add("forceOff"));

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (asAdmin(() -> vms.get(mine.id())).state() != VmStatus.STOPPED
                && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(asAdmin(() -> vms.get(mine.id())).state()).isEqualTo(VmStatus.STOPPED);
    }
}
