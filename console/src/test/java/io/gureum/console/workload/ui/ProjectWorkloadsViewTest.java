package io.gureum.console.workload.ui;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.DirectRows;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadState;
import io.gureum.console.workload.WorkloadSummary;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** A project's page of workloads: its VMs and containers in one grid for its people, "no such project" to others. */
@ConsoleTest
@WithMockUser(username = ProjectWorkloadsViewTest.VIEWER, roles = "USER")
class ProjectWorkloadsViewTest extends SpringBrowserlessTest {

    static final String VIEWER = "workloads-page-viewer";

    @Autowired
    Fixtures fixtures;

    @Autowired
    IdentityService identity;

    @Autowired
    ProjectService projects;

    @Autowired
    JdbcTemplate jdbc;

    Fixtures.Tenant mine;
    Fixtures.Tenant theirs;

    @BeforeEach
    void a_project_i_view_and_one_i_do_not() {
        if (identity.findByUsername(VIEWER).isEmpty()) {
            asAdmin(() -> identity.createUser(VIEWER, "Viewer", Fixtures.PASSWORD, false));
        }
        mine = fixtures.tenant("wlpage");
        theirs = fixtures.tenant("wlpage-other");
        Actors.asUser(mine.owner().username(), () -> projects.addMember(mine.id(), VIEWER, ProjectRole.VIEWER));
    }

    private UUID row(String table, long projectId, String name, String state) {
        return table.equals("vm") ? DirectRows.vm(jdbc, projectId, name, state)
                : DirectRows.container(jdbc, projectId, name, state);
    }

    @Test
    void a_viewer_sees_the_vms_and_containers_of_the_project_in_one_grid_with_their_states() {
        UUID api = row("container", mine.id(), "api", "RUNNING");
        UUID db = row("vm", mine.id(), "db", "STOPPED");
        row("container", theirs.id(), "secret", "RUNNING");

        UI.getCurrent().navigate("projects/" + mine.id() + "/workloads");

        ProjectWorkloadsView view = (ProjectWorkloadsView) getCurrentView();
        assertThat(view.title.getText()).isEqualTo("Workloads of " + mine.project().name());
        assertThat(view.grid.getGenericDataView().getItems().toList())
                .extracting(WorkloadSummary::id, WorkloadSummary::kind, WorkloadSummary::workloadState)
                .containsExactly(tuple(api, WorkloadKind.CONTAINER, WorkloadState.RUNNING),
                        tuple(db, WorkloadKind.VM, WorkloadState.STOPPED));
        assertThat(view.counts.getText()).isEqualTo("2 workloads, 1 running.");
    }

    @Test
    void another_projects_workloads_answer_no_such_project() {
        row("container", theirs.id(), "secret", "RUNNING");

        UI.getCurrent().navigate("projects/" + theirs.id() + "/workloads");

        assertThat(getCurrentView()).isNotInstanceOf(ProjectWorkloadsView.class);
        assertThat(getCurrentView().getElement().getOuterHTML()).doesNotContain("secret");
    }
}
