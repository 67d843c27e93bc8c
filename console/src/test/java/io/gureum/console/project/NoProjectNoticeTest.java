package io.gureum.console.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** An administrator with no project makes one inside the create dialog and goes on with it. */
@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class NoProjectNoticeTest extends SpringBrowserlessTest {

    @Autowired
    ProjectService projects;

    @Test
    void an_administrator_creates_a_project_there_becomes_its_owner_and_the_dialog_gets_it() {
        AtomicReference<ProjectSummary> handed = new AtomicReference<>();
        NoProjectNotice notice = new NoProjectNotice(projects, true, "a VM", handed::set);
        UI.getCurrent().add(notice);
        assertThat(notice.message()).contains("There is no active project", "a VM always belongs to one");

        String name = Actors.unique("team");
        test(notice.nameField()).setValue(name);
        test(notice.createButton()).click();

        assertThat(handed.get()).isNotNull();
        assertThat(handed.get().name()).isEqualTo(name);
        assertThat(handed.get().myRole()).isEqualTo(ProjectRole.OWNER);
        assertThat(notice.isVisible()).isFalse();
        assertThat(projects.projectsToCreateIn()).extracting(ProjectSummary::id).contains(handed.get().id());
    }

    @Test
    void a_bad_name_is_said_next_to_the_field_and_nothing_is_created() {
        AtomicReference<ProjectSummary> handed = new AtomicReference<>();
        NoProjectNotice notice = new NoProjectNotice(projects, true, "a container", handed::set);
        UI.getCurrent().add(notice);
        int before = projects.visibleProjects().size();

        test(notice.nameField()).setValue("-nope");
        test(notice.createButton()).click();

        assertThat(notice.nameField().isInvalid()).isTrue();
        assertThat(notice.nameField().getErrorMessage()).contains("Project name '-nope' is not valid");
        assertThat(handed.get()).isNull();
        assertThat(notice.isVisible()).isTrue();
        assertThat(projects.visibleProjects()).hasSize(before);
    }
}
