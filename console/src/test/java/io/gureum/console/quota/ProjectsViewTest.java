package io.gureum.console.quota;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
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

    @Test
    void an_administrator_edits_a_limit_in_place() {
        Tenant t = fixtures.tenant("edit");
        ProjectsView view = navigate(ProjectsView.class);
        int row = java.util.stream.IntStream.range(0, test(view.grid).size())
                .filter(i -> test(view.grid).getRow(i).project().id() == t.id()).findFirst().orElseThrow();

        IntegerField vcpus = (IntegerField) test(view.grid).getCellComponent(row, 3);
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
}
