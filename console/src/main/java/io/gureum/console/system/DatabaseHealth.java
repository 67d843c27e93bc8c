package io.gureum.console.system;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database in the health groups (application.yaml puts them there):
 * {@code databaseWritable} in readiness, DOWN while a write fails; {@code databaseRecoverable} in liveness,
 * DOWN once writes to the embedded database have failed for longer than the grace, because an in-process
 * database that stays broken is fixed by restarting the process. A remote database (PostgreSQL) that is
 * away keeps liveness UP: restarting the console would not bring it back, and readiness already says it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealth {

    @Bean
    HealthIndicator databaseWritable(DatabaseProbe probe) {
        return () -> {
            DatabaseProbe.Outcome outcome = probe.current();
            return outcome.writable() ? Health.up().build()
                    : Health.down().withDetail("problem", outcome.problem())
                            .withDetail("failingSince", outcome.failingSince().map(Object::toString).orElse("")).build();
        };
    }

    @Bean
    HealthIndicator databaseRecoverable(DatabaseProbe probe, Clock clock,
                                        @Value("${spring.datasource.url:}") String url,
                                        @Value("${gureum.health.database-liveness-grace:2m}") Duration grace) {
        boolean embedded = url.startsWith("jdbc:h2:");
        return () -> {
            DatabaseProbe.Outcome outcome = probe.current();
            boolean hopeless = embedded && outcome.failingSince()
                    .map(since -> Duration.between(since, clock.instant()).compareTo(grace) > 0).orElse(false);
            return hopeless ? Health.down().withDetail("problem", outcome.problem())
                    .withDetail("failingSince", outcome.failingSince().map(Object::toString).orElse("")).build()
                    : Health.up().build();
        };
    }
}
