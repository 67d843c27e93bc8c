package io.gureum.console.workload;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.DirectRows;
import io.gureum.console.testsupport.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/** One listing of a project's workloads, written once for every kind. */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class WorkloadServiceTest {

    @Autowired
    WorkloadService workloads;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    Fixtures.Tenant tenant;
    Fixtures.Tenant other;

    @BeforeEach
    void twoProjects() {
        tenant = fixtures.tenant("wl");
        other = fixtures.tenant("wl-other");
    }

    private UUID vm(long projectId, String name, String state) {
        return DirectRows.vm(jdbc, projectId, name, state);
    }

    private UUID container(long projectId, String name, String state) {
        return DirectRows.container(jdbc, projectId, name, state);
    }

    @Test
    void a_viewer_lists_every_vm_and_container_of_the_project_with_its_state_sorted_by_name() {
        UUID web = container(tenant.id(), "web", "EXITED");
        UUID db = vm(tenant.id(), "db", "RUNNING");
        UUID cache = vm(tenant.id(), "cache", "STOPPED");
        vm(tenant.id(), "gone", "DELETED");
        container(other.id(), "elsewhere", "RUNNING");

        var listed = asUser(tenant.viewer().username(), () -> workloads.list(tenant.id()));

        assertThat(listed).extracting(WorkloadSummary::id, WorkloadSummary::kind, WorkloadSummary::name,
                WorkloadSummary::workloadState).containsExactly(
                tuple(cache, WorkloadKind.VM, "cache", WorkloadState.STOPPED),
                tuple(db, WorkloadKind.VM, "db", WorkloadState.RUNNING),
                tuple(web, WorkloadKind.CONTAINER, "web", WorkloadState.EXITED));
        assertThat(listed).allSatisfy(w -> assertThat(w.projectId()).isEqualTo(tenant.id()));
    }

    @Test
    void an_admin_lists_any_project_and_an_outsider_is_refused() {
        UUID mine = container(tenant.id(), "mine", "RUNNING");

        assertThat(asAdmin(() -> workloads.list(tenant.id()))).extracting(WorkloadSummary::id).containsExactly(mine);
        assertThatThrownBy(() -> asUser(other.member().username(), () -> workloads.list(tenant.id())))
                .isInstanceOf(AccessDeniedException.class);
    }
}
