package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gureum.console.testsupport.ConsoleTest;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Flyway owns the schema; the JPA mapping must match it exactly (never the other way round). */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class MigrationsMatchMappingTest {

    @Autowired
    Flyway flyway;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void every_migration_is_applied_and_none_is_pending() {
        var info = flyway.info();
        assertThat(info.applied()).isNotEmpty();
        assertThat(info.pending()).isEmpty();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void the_jpa_mapping_validates_against_the_migrated_schema() {
        assertThatCode(() -> entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager()
                .validateMappedObjects()).doesNotThrowAnyException();
    }
}
