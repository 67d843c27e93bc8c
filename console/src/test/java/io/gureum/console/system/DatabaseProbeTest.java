package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Readiness follows whether the database can be written; liveness gives up only on a broken embedded one. */
class DatabaseProbeTest {

    private final String url = "jdbc:h2:mem:probe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final DatabaseHealth health = new DatabaseHealth();

    @Test
    void readiness_goes_down_while_the_database_cannot_be_written_and_comes_back_by_itself() throws Exception {
        migrate();
        DatabaseProbe probe = new DatabaseProbe(new DriverManagerDataSource(url, "sa", ""), clock, Duration.ofSeconds(5));
        HealthIndicator writable = health.databaseWritable(probe);
        assertThat(writable.health().getStatus()).isEqualTo(Status.UP);

        closeTheDatabase(); // the next connection opens an empty database: the probe's table is gone
        clock.advance(Duration.ofSeconds(5));
        var down = writable.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("problem").toString()).contains("HEALTH_PROBE").doesNotContain("\n");
        assertThat(down.getDetails()).containsEntry("failingSince", "2026-11-28T10:00:05Z");

        clock.advance(Duration.ofSeconds(5));
        assertThat(probe.current().failingSince()).as("failing since the first failure, not the last")
                .contains(Instant.parse("2026-11-28T10:00:05Z"));

        migrate();
        clock.advance(Duration.ofSeconds(5));
        assertThat(writable.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void liveness_goes_down_only_when_the_embedded_database_stays_broken_past_the_grace() throws Exception {
        migrate();
        DatabaseProbe probe = new DatabaseProbe(new DriverManagerDataSource(url, "sa", ""), clock, Duration.ofSeconds(5));
        HealthIndicator embedded = health.databaseRecoverable(probe, clock, url, Duration.ofMinutes(2));
        HealthIndicator remote = health.databaseRecoverable(probe, clock, "jdbc:postgresql://127.0.0.1/gureum",
                Duration.ofMinutes(2));
        closeTheDatabase();

        assertThat(embedded.health().getStatus()).as("just failed: the pool may yet recover").isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(119));
        assertThat(embedded.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(2));
        assertThat(embedded.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(remote.health().getStatus()).as("restarting the console does not bring a database server back")
                .isEqualTo(Status.UP);

        migrate();
        clock.advance(Duration.ofSeconds(5));
        assertThat(embedded.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void a_fresh_outcome_is_reused_and_a_stale_one_is_written_again() throws Exception {
        migrate();
        DatabaseProbe probe = new DatabaseProbe(new DriverManagerDataSource(url, "sa", ""), clock, Duration.ofSeconds(10));
        Instant first = probe.current().checkedAt();
        clock.advance(Duration.ofSeconds(4));
        assertThat(probe.current().checkedAt()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        assertThat(probe.current().checkedAt()).isEqualTo(first.plusSeconds(6));
    }

    @Test
    void health_checks_that_arrive_together_write_once() throws Exception {
        migrate();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        DriverManagerDataSource counting = new DriverManagerDataSource(url, "sa", "") {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                writes.incrementAndGet();
                return super.getConnection();
            }
        };
        DatabaseProbe probe = new DatabaseProbe(counting, clock, Duration.ofSeconds(10));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var outcomes = new java.util.ArrayList<java.util.concurrent.Future<DatabaseProbe.Outcome>>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return probe.current();
                }));
            }
            start.countDown();
            for (var outcome : outcomes) {
                assertThat(outcome.get().writable()).isTrue();
            }
        }
        assertThat(writes.get()).as("connections taken for 8 simultaneous checks").isEqualTo(1);
    }

    private void migrate() {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
    }

    private void closeTheDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("shutdown");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
