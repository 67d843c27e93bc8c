package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The console's own migrations, then every CHECK constraint evaluated through one connection, that
 * connection closed, and every constraint evaluated again through another. H2 2.4.240 bound the
 * comparator of a {@code CHECK (col IN (...))} to the first session that evaluated it: once the pool
 * retired that connection, every later write to the table failed with "The database has been closed"
 * (h2database #4302/#4308). This test fails on that release and on any later CHECK form bound to a session.
 */
class CheckConstraintsAcrossConnectionsTest {

    private final String url = "jdbc:h2:mem:checks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void every_check_constraint_still_works_after_the_connection_that_first_evaluated_it_is_closed()
            throws SQLException {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        Map<String, List<String>> checkedColumns = checkedColumnsByTable();
        assertThat(checkedColumns).as("the schema has CHECK constraints to test").isNotEmpty();

        try (Connection first = DriverManager.getConnection(url, "sa", "")) {
            insertOneRowPerTable(first);
            assertThat(rewriteCheckedColumns(first, checkedColumns))
                    .as("every table with a CHECK constraint has a row in this test's fixture (add one for a new table)")
                    .containsOnlyKeys(checkedColumns.keySet())
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        }
        try (Connection second = DriverManager.getConnection(url, "sa", "")) {
            assertThat(rewriteCheckedColumns(second, checkedColumns))
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
            // and the constraints still refuse what they must, through the new session
            try (Statement s = second.createStatement()) {
                assertThat(updateFails(s, "update host set status = 'SLEEPING'")).isTrue();
                assertThat(updateFails(s, "update task set progress = 101")).isTrue();
                assertThat(updateFails(s, "update project_quota set vcpus = -1")).isTrue();
            }
        }
        try (Connection third = DriverManager.getConnection(url, "sa", ""); Statement s = third.createStatement()) {
            s.execute("shutdown");
        }
    }

    /** Table name to the columns its CHECK constraints read, from the schema itself. */
    private Map<String, List<String>> checkedColumnsByTable() throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                ResultSet rs = c.createStatement().executeQuery("""
                        select u.table_name, u.column_name
                        from information_schema.table_constraints t
                        join information_schema.constraint_column_usage u
                          on u.constraint_schema = t.constraint_schema and u.constraint_name = t.constraint_name
                        where t.constraint_type = 'CHECK' and t.table_schema = 'PUBLIC'
                        order by u.table_name, u.column_name""")) {
            while (rs.next()) {
                List<String> list = columns.computeIfAbsent(rs.getString(1).toLowerCase(), t -> new ArrayList<>());
                String column = rs.getString(2).toLowerCase();
                if (!list.contains(column)) {
                    list.add(column);
                }
            }
        }
        return columns;
    }

    /** Writes every checked column to its own value, which makes H2 evaluate the table's CHECKs. */
    private static Map<String, Integer> rewriteCheckedColumns(Connection c, Map<String, List<String>> columns)
            throws SQLException {
        Map<String, Integer> updated = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (var e : columns.entrySet()) {
                String assignments = String.join(", ", e.getValue().stream().map(col -> col + " = " + col).toList());
                updated.put(e.getKey(), s.executeUpdate("update " + e.getKey() + " set " + assignments));
            }
        }
        return updated;
    }

    private static boolean updateFails(Statement s, String sql) {
        try {
            s.executeUpdate(sql);
            return false;
        } catch (SQLException e) {
            assertThat(e.getMessage()).doesNotContain("has been closed");
            return true;
        }
    }

    private static void insertOneRowPerTable(Connection c) throws SQLException {
        String host = UUID.randomUUID().toString();
        String task = UUID.randomUUID().toString();
        try (Statement s = c.createStatement()) {
            s.execute("""
                    insert into user_account (id, username, display_name, password_hash, enabled, created_at,
                        password_changed_at) values (1, 'ana', 'Ana', 'x', true, now(), now())""");
            s.execute("insert into user_role (user_id, role) values (1, 'ADMIN')");
            s.execute("insert into project (id, name, archived, created_at) values (1, 'web', false, now())");
            s.execute("insert into project_member (project_id, user_id, role) values (1, 1, 'OWNER')");
            s.execute("""
                    insert into project_quota (project_id, vcpus, memory_mib, disk_gib, vms, containers,
                        container_cpus, container_memory_mib) values (1, 4, 4096, 40, 4, 4, 4, 4096)""");
            s.execute("""
                    insert into audit_entry (occurred_at, actor, target, action, outcome, detail)
                    values (now(), 'ana', 'vm web-1', 'vm.create', 'SUCCESS', '')""");
            s.execute("""
                    insert into host (id, name, libvirt_uri, simulated, maintenance, domain_type, domain_type_reason,
                        status, cpus, memory_total_bytes, memory_free_bytes, storage_capacity_bytes,
                        storage_available_bytes, allocated_vcpus, allocated_memory_mib, domains_running,
                        domains_total, created_at, version)
                    values ('%s', 'local', 'qemu:///system', false, false, 'QEMU', 'probe', 'UP', 2, 1, 1, 1, 1,
                        0, 0, 0, 0, now(), 0)""".formatted(host));
            s.execute("""
                    insert into task (id, action, target_type, target_id, target_name, actor, state, progress,
                        created_at) values ('%s', 'vm.create', 'vm', 'x', 'web-1', 'ana', 'RUNNING', 10, now())"""
                    .formatted(task));
            s.execute("""
                    insert into task_step (task_id, position, description, state, started_at)
                    values ('%s', 0, 'Place', 'RUNNING', now())""".formatted(task));
            s.execute("""
                    insert into vm_image (id, name, format, file_name, size_bytes, virtual_size_bytes, boot,
                        created_at, uploaded_by) values ('%s', 'debian', 'qcow2', 'debian.qcow2', 1, 1, 'disk',
                        now(), 'ana')""".formatted(UUID.randomUUID()));
            s.execute("""
                    insert into virtual_machine (id, name, project_id, owner, host_id, domain_name, image_id, vcpus,
                        memory_mib, disk_gib, state, desired_state, restart_policy, created_at, updated_at, version)
                    values ('%s', 'web-1', 1, 'ana', '%s', 'gureum-web-1', 'tiny', 1, 256, 1, 'RUNNING', 'RUNNING',
                        'NEVER', now(), now(), 0)""".formatted(UUID.randomUUID(), host));
            s.execute("""
                    insert into container (id, name, project_id, owner, host_id, engine_name, image, millicpus,
                        memory_mib, restart_policy, state, created_at, updated_at, version)
                    values ('%s', 'cache', 1, 'ana', '%s', 'gureum-cache', 'busybox', 500, 64, 'no', 'RUNNING',
                        now(), now(), 0)""".formatted(UUID.randomUUID(), host));
            s.execute("""
                    insert into api_token (user_id, name, secret_hash, created_at, expires_at, scope)
                    values (1, 'ci', 'x', now(), now(), 'READ_ONLY')""");
        }
    }
}
