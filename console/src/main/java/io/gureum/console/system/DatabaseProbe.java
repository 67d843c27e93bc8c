package io.gureum.console.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one row of the database every few seconds and remembers the outcome, so that readiness says
 * whether the console can really write (a "select 1" kept answering while every write failed), and
 * liveness whether it has been failing for so long that only a restart will help. Logged once when
 * writes start failing and once when they work again: a background check never fails silently.
 */
@Component
public class DatabaseProbe {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    /** What the last write showed. */
    public record Outcome(boolean writable, Instant checkedAt, Optional<Instant> failingSince, String problem) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration freshFor;
    private volatile Outcome last;
    private final @Nullable MeterRegistry registry;

    DatabaseProbe(DataSource dataSource, Clock clock, Duration interval) {
        this(dataSource, clock, interval, null);
    }

    /** With {@code registry}, each probe write is timed ({@code gureum_database_probe_seconds}, by outcome). */
    @Autowired
    DatabaseProbe(DataSource dataSource, Clock clock,
                  @Value("${gureum.health.database-probe-interval:5s}") Duration interval,
                  @Nullable MeterRegistry registry) {
        this.registry = registry;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(5);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transaction.setTimeout(5);
        this.clock = clock;
        this.freshFor = interval.dividedBy(2);
    }

    @Scheduled(initialDelayString = "${gureum.health.database-probe-interval:5s}",
            fixedDelayString = "${gureum.health.database-probe-interval:5s}")
    void scheduledProbe() {
        probe();
    }

    /** The outcome of a write at most half a probe interval old, writing again if it is older. */
    public Outcome current() {
        Outcome seen = last;
        if (fresh(seen)) {
            return seen;
        }
        synchronized (this) {
            // Health checks that arrive together (readiness and liveness, several probes) write once, not once each.
            seen = last;
            return fresh(seen) ? seen : probe();
        }
    }

    private boolean fresh(Outcome seen) {
        return seen != null && Duration.between(seen.checkedAt(), clock.instant()).compareTo(freshFor) < 0;
    }

    synchronized Outcome probe() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Outcome before = last;
        Outcome outcome;
        try {
            Integer rows = transaction.execute(status -> jdbc.update(
                    "update health_probe set state = 'OK', checked_at = ? where id = 1",
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
            if (rows == null || rows != 1) {
                throw new IllegalStateException("the health_probe row is missing (" + rows + " rows written)");
            }
            outcome = new Outcome(true, now, Optional.empty(), "");
            if (before != null && !before.writable()) {
                log.warn("The database can be written again (it could not since {})", before.failingSince().orElse(now));
            }
        } catch (RuntimeException e) {
            Instant since = before != null && !before.writable() ? before.failingSince().orElse(now) : now;
            outcome = new Outcome(false, now, Optional.of(since), describe(e));
            if (before == null || before.writable()) {
                log.error("The database cannot be written: the console reports not ready until it can", e);
            }
        }
        if (registry != null) {
            // Wall time of the write (the injected clock may be a test's fixed one).
            Timer.builder("gureum.database.probe").description("How long the readiness probe's write took")
                    .tag("outcome", outcome.writable() ? "writable" : "failed").register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - started));
        }
        last = outcome;
        return outcome;
    }

    /** The innermost message, short: no stack trace or SQL leaves this class. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
}
