package io.gureum.console.workload;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/** One listing of a project's workloads, written once for every kind. */
@ConsoleTest
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

    /** Rows as the create tasks leave them; made directly so that the listing is tested without any host. */
    private UUID vm(long projectId, String name, String state) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into virtual_machine (id, name, project_id, owner, domain_name, image_id, vcpus, memory_mib,
                    disk_gib, state, desired_state, restart_policy, created_at, updated_at, version)
                values (?, ?, ?, 'admin', ?, 'tiny', 1, 128, 1, ?, 'RUNNING', 'NEVER', ?, ?, 0)""",
                id, name, projectId, "g-" + id.toString().substring(0, 8) + "-" + name, state, now, now);
        return id;
    }

    private UUID container(long projectId, String name, String state) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into container (id, name, project_id, owner, engine_name, image, millicpus, memory_mib,
                    restart_policy, state, created_at, updated_at, version)
                values (?, ?, ?, 'admin', ?, 'busybox', 500, 64, 'no', ?, ?, ?, 0)""",
                id, name, projectId, "g-" + id.toString().substring(0, 8) + "-" + name, state, now, now);
        return id;
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
