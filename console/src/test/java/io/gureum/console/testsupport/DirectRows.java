package io.gureum.console.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** VM and container rows as their create tasks leave them, inserted directly: for listings tested without a host. */
public final class DirectRows {

    private DirectRows() {
    }

    public static UUID vm(JdbcTemplate jdbc, long projectId, String name, String state) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into virtual_machine (id, name, project_id, owner, domain_name, image_id, vcpus, memory_mib,
                    disk_gib, state, desired_state, restart_policy, created_at, updated_at, version)
                values (?, ?, ?, 'admin', ?, 'tiny', 1, 128, 1, ?, 'RUNNING', 'NEVER', ?, ?, 0)""",
                id, name, projectId, "g-" + id.toString().substring(0, 8) + "-" + name, state, now, now);
        return id;
    }

    public static UUID container(JdbcTemplate jdbc, long projectId, String name, String state) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into container (id, name, project_id, owner, engine_name, image, millicpus, memory_mib,
                    restart_policy, state, created_at, updated_at, version)
                values (?, ?, ?, 'admin', ?, 'busybox', 500, 64, 'no', ?, ?, ?, 0)""",
                id, name, projectId, "g-" + id.toString().substring(0, 8) + "-" + name, state, now, now);
        return id;
    }
}
