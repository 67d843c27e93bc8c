package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A console upgraded from the schema main had before the workload model (13.1) keeps every row: the fixture fills
 * every table at 13.1, then Flyway applies whatever migrations came later, and every row is found again by its
 * primary key with the values of every column it had. No Spring: the schema and its migrations are the subject.
 */
class SchemaUpgradeTest {

    /** The newest migration on main when the console's databases of today were made. */
    static final MigrationVersion TODAY = MigrationVersion.fromVersion("13.1");

    static final String FIXTURE = "/db/upgrade/console-at-v13_1.sql";

    /**
     * Where a later migration moved a column's values: {@code query} reads the value now, given the old row's
     * primary key values as parameters, in the order of the old primary key. A migration that drops a column or a
     * table adds one entry per column it moves; a column that is gone with no entry here fails the test.
     */
    record Moved(String table, String column, String query) {
    }

    static final List<Moved> MOVED = List.of();

    String url;
    Connection connection;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        connection = DriverManager.getConnection(url, "gureum", "");
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
        connection.close();
    }

    @Test
    void the_fixture_fills_every_table_of_todays_schema() throws Exception {
        migrate(TODAY);
        load(FIXTURE);
        Map<String, Table> before = snapshot();
        assertThat(before).isNotEmpty();
        before.forEach((name, table) -> assertThat(table.rows()).as("rows of " + name).isNotEmpty());
        assertThat(before.get("virtual_machine").rows()).hasSize(5);
        assertThat(before.get("container").rows()).hasSize(4);
        assertThat(before.get("task").rows()).hasSize(5);
        assertThat(before.get("task_step").rows()).hasSize(7);
        assertThat(before.get("audit_entry").rows()).hasSize(5);
    }

    @Test
    void upgrading_from_todays_schema_keeps_every_row_and_its_values() throws Exception {
        migrate(TODAY);
        load(FIXTURE);
        Map<String, Table> before = snapshot();

        Flyway latest = flyway(null);
        latest.migrate();
        assertThat(latest.info().pending()).isEmpty();
        assertThat(latest.info().current().isVersioned()).isTrue();
        assertThat(latest.info().current().getVersion()).isGreaterThanOrEqualTo(TODAY);
        Map<String, Table> after = snapshot();

        List<String> lost = new ArrayList<>();
        for (Table old : before.values()) {
            Table now = after.get(old.name());
            for (Map.Entry<List<Object>, Map<String, Object>> row : old.rows().entrySet()) {
                Map<String, Object> found = now == null ? null : now.find(old.primaryKey(), row.getKey());
                boolean movedElsewhere = MOVED.stream().anyMatch(m -> m.table().equals(old.name()));
                if (found == null && !movedElsewhere) {
                    lost.add(old.name() + " " + row.getKey() + ": the row is gone");
                    continue;
                }
                for (Map.Entry<String, Object> column : row.getValue().entrySet()) {
                    String where = old.name() + "." + column.getKey() + " of " + row.getKey();
                    Moved moved = moved(old.name(), column.getKey());
                    Object value;
                    if (moved != null) {
                        value = movedValue(moved, row.getKey(), where, lost);
                    } else if (found == null) {
                        lost.add(where + ": the row is gone");
                        continue;
                    } else if (!found.containsKey(column.getKey())) {
                        lost.add(where + ": the column is gone and MOVED does not say where it went");
                        continue;
                    } else {
                        value = found.get(column.getKey());
                    }
                    if (!same(column.getValue(), value)) {
                        lost.add(where + ": was " + column.getValue() + ", is " + value);
                    }
                }
            }
        }
        assertThat(lost).as("values lost by the upgrade").isEmpty();
    }

    private static Moved moved(String table, String column) {
        return MOVED.stream().filter(m -> m.table().equals(table) && m.column().equals(column)).findFirst()
                .orElse(null);
    }

    private Object movedValue(Moved moved, List<Object> key, String where, List<String> lost) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(moved.query())) {
            for (int i = 0; i < key.size(); i++) {
                query.setObject(i + 1, key.get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    lost.add(where + ": moved, but " + moved.query() + " finds no row");
                    return null;
                }
                return result.getObject(1);
            }
        }
    }

    /** Equal values, also where a migration widened a type (integer to bigint, varchar lengths, time zones). */
    private static boolean same(Object a, Object b) {
        return Objects.equals(normal(a), normal(b));
    }

    private static Object normal(Object value) {
        return switch (value) {
            case null -> null;
            case Number number -> new BigDecimal(number.toString()).stripTrailingZeros();
            case OffsetDateTime time -> time.toInstant();
            case byte[] bytes -> Arrays.toString(bytes);
            case UUID uuid -> uuid.toString();
            default -> value.toString();
        };
    }

    private Flyway flyway(MigrationVersion target) {
        var configuration = Flyway.configure().dataSource(url, "gureum", "").locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private void migrate(MigrationVersion target) {
        flyway(target).migrate();
        assertThat(flyway(target).info().current().getVersion()).isEqualTo(target);
    }

    private void load(String resource) throws Exception {
        try (var in = SchemaUpgradeTest.class.getResourceAsStream(resource); Statement statement =
                connection.createStatement()) {
            assertThat(in).as(resource).isNotNull();
            // RUNSCRIPT reads the file as H2 does for its own dumps (statements, quotes, comments).
            statement.execute("runscript from 'classpath:" + resource + "' charset '"
                    + StandardCharsets.UTF_8.name() + "'");
        }
    }

    /** One table's rows by primary key, each as column name to value. */
    record Table(String name, List<String> primaryKey, Map<List<Object>, Map<String, Object>> rows) {

        /** The row whose old primary key columns hold these values (the key itself may have changed since). */
        Map<String, Object> find(List<String> columns, List<Object> key) {
            for (Map<String, Object> row : rows.values()) {
                boolean match = true;
                for (int i = 0; i < columns.size() && match; i++) {
                    match = row.containsKey(columns.get(i)) && same(row.get(columns.get(i)), key.get(i));
                }
                if (match) {
                    return row;
                }
            }
            return null;
        }
    }

    private Map<String, Table> snapshot() throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String stored : tableNames()) {
            String name = stored.toLowerCase(Locale.ROOT);
            List<String> key = primaryKey(stored);
            assertThat(key).as("primary key of " + name).isNotEmpty();
            Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select * from \"" + stored + "\"")) {
                var meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), result.getObject(i));
                    }
                    rows.put(key.stream().map(row::get).toList(), row);
                }
            }
            tables.put(name, new Table(name, key, rows));
        }
        return tables;
    }

    /** The tables as the database spells them. */
    private List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select table_name from information_schema.tables"
                     + " where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'"
                     + " and lower(table_name) <> 'flyway_schema_history' order by table_name")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    private List<String> primaryKey(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select k.column_name"
                + " from information_schema.table_constraints c join information_schema.key_column_usage k"
                + " on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name"
                + " where c.table_schema = 'PUBLIC' and c.table_name = ? and c.constraint_type = 'PRIMARY KEY'"
                + " order by k.ordinal_position")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
