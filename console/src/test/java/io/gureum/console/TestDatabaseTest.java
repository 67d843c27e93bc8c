package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.TestProfiles;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL run must really run on PostgreSQL: a run that silently fell back to H2 proves nothing. */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class TestDatabaseTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_suite_runs_on_the_database_the_build_asked_for() throws SQLException {
        String expected = TestProfiles.onPostgres() ? "PostgreSQL" : "H2";
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
    }
}
