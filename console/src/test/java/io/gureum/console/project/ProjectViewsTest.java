package io.gureum.console.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.quota.ProjectsView;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** By route: a member sees their project and nothing of another one, however they guess its URL. */
@ConsoleTest
@WithMockUser(username = ProjectViewsTest.MEMBER, roles = "USER")
class ProjectViewsTest extends SpringBrowserlessTest {

    static final String MEMBER = "route-guesser";

    @Autowired
    Fixtures fixtures;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    Tenant mine;
    Tenant other;

    @BeforeEach
    void a_project_of_mine_and_one_of_someone_else() {
        if (identity.findByUsername(MEMBER).isEmpty()) {
            Actors.asAdmin(() -> identity.createUser(MEMBER, "Guesser", Fixtures.PASSWORD, false));
        }
        mine = fixtures.tenant("mine");
        other = fixtures.tenant("other");
        Actors.asUser(mine.owner().username(), () -> projects.addMember(mine.id(), MEMBER, ProjectRole.VIEWER));
    }

    @Test
    void my_project_opens_by_url_read_only_for_a_viewer() {
        UI.getCurrent().navigate("projects/" + mine.id());

        ProjectView view = (ProjectView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo(mine.project().name());
        assertThat(view.role.getText()).contains("VIEWER");
        assertThat(test(view.members).size()).isEqualTo(4);
        assertThat(view.ownerTools.isVisible()).isFalse();
        assertThat(view.archive.isVisible()).isFalse();
    }

    @Test
    void another_projects_url_answers_not_found() {
        UI.getCurrent().navigate("projects/" + other.id());

        assertThat(getCurrentView()).isNotInstanceOf(ProjectView.class);
        assertThat(getCurrentView().getElement().getText() + getCurrentView().getElement().getOuterHTML())
                .doesNotContain(other.project().name());
    }

    @Test
    void a_project_id_that_does_not_exist_answers_the_same() {
        UI.getCurrent().navigate("projects/987654321");

        assertThat(getCurrentView()).isNotInstanceOf(ProjectView.class);
    }

    @Test
    void the_projects_list_shows_only_my_projects_with_my_role() {
        ProjectsView view = navigate(ProjectsView.class);

        var rows = IntStream.range(0, test(view.grid()).size()).mapToObj(i -> test(view.grid()).getRow(i))
                .map(QuotaOverview::project).toList();
        assertThat(rows).extracting(ProjectSummary::id).contains(mine.id()).doesNotContain(other.id());
        assertThat(rows).filteredOn(p -> p.id() == mine.id()).extracting(ProjectSummary::myRole)
                .containsExactly(ProjectRole.VIEWER);
    }
}
