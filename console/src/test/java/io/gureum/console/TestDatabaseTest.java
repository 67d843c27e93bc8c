package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** mvn -Ppostgres must really run the suite on PostgreSQL: a profile that silently fell back to H2 proves nothing. */
@ConsoleTest
class TestDatabaseTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_suite_runs_on_the_database_the_build_asked_for() throws SQLException {
        String expected = "postgres".equals(System.getProperty("gureum.test.database")) ? "PostgreSQL" : "H2";
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
    }
}
