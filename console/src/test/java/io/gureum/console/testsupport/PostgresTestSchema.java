package io.gureum.console.testsupport;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * On PostgreSQL (mvn -Ppostgres) the test database outlives the run, unlike H2's in-memory one: empty it before
 * the migrations so that every run starts where a fresh install starts.
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class PostgresTestSchema {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
