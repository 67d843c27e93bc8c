package io.gureum.console.system;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This console process among the instances sharing one database: a random id picked at start (shown in
 * {@code /actuator/info}), a heartbeat written every {@code gureum.instances.heartbeat-interval} (2 s) from the
 * database's clock on a thread of its own (a long job never delays it), and the judgement of which other instances
 * are dead: their heartbeat is older than {@code gureum.instances.stale-after} (8 s). The job locks a dead instance
 * held are freed at once (fail-over does not wait for their lockAtMostFor), and the task recovery fails the tasks it
 * was running.
 *
 * <p>An instance judges others only while its own heartbeats have been succeeding for at least stale-after: after a
 * database outage every heartbeat looks old, and a live instance's tasks must not be taken for a dead one's.
 */
@Component
public class ConsoleInstance implements SmartLifecycle, InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(ConsoleInstance.class);
    /** Rows of instances dead this long are deleted (their tasks were recovered long before). */
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    /** What a freed lock's lock_until is set to: long past, as ShedLock itself leaves an expired lock. */
    private static final Timestamp LONG_AGO = Timestamp.from(Instant.parse("2000-01-01T00:00:00Z"));

    /** Which instances beat recently; {@code judged} false when this instance cannot tell now (see the class). */
    public record Heartbeats(Set<String> live, Set<String> dead, boolean judged) {
    }

    private final String id = UUID.randomUUID().toString();
    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final Duration staleAfter;
    private volatile Instant startedAt;
    /** Local monotonic time of the last failed heartbeat; null while none failed since start. */
    private volatile Long lastFailureNanos;
    private ScheduledExecutorService beats;
    private volatile boolean running;

    ConsoleInstance(JdbcTemplate jdbc,
                    @Value("${gureum.instances.heartbeat-interval:2s}") Duration interval,
                    @Value("${gureum.instances.stale-after:8s}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.staleAfter = staleAfter;
    }

    /** This instance's id, random per process start. */
    public String id() {
        return id;
    }

    /** How long after its last heartbeat an instance counts as dead. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /** Registers the instance and starts the heartbeat, before the task recovery (phase -100) looks at heartbeats. */
    @Override
    public void start() {
        if (beats != null) {
            running = true;
            return;
        }
        jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, current_timestamp, "
                + "current_timestamp)", id);
        startedAt = Instant.now();
        log.info("This console instance is {}", id);
        beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("console-instance-heartbeat").daemon().factory());
        long millis = interval.toMillis();
        beats.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** One heartbeat, then the locks of dead instances are freed. Never throws (the schedule would stop). */
    void beat() {
        try {
            if (jdbc.update("update console_instance set heartbeat_at = current_timestamp where id = ?", id) == 0) {
                jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, "
                        + "current_timestamp, current_timestamp)", id);
            }
        } catch (RuntimeException e) {
            lastFailureNanos = System.nanoTime();
            log.warn("Heartbeat of console instance {} failed: {}", id, e.getMessage());
            return;
        }
        try {
            freeLocksOfDeadInstances();
        } catch (RuntimeException e) {
            log.warn("Freeing the job locks of dead console instances failed: {}", e.getMessage());
        }
    }

    /** Frees the job locks (system/JobLocks) held by instances that are dead; returns how many. */
    int freeLocksOfDeadInstances() {
        Heartbeats heartbeats = heartbeats();
        if (!heartbeats.judged()) {
            return 0;
        }
        int freed = 0;
        for (String dead : heartbeats.dead()) {
            int n = jdbc.update("update shedlock set lock_until = ? where locked_by = ? and lock_until > ?",
                    LONG_AGO, dead, LONG_AGO);
            if (n > 0) {
                log.warn("Console instance {} stopped beating; freed the {} job lock(s) it held", dead, n);
            }
            freed += n;
        }
        return freed;
    }

    /** The instances that beat within stale-after (this one always among them) and those that did not. */
    public Heartbeats heartbeats() {
        OffsetDateTime now = jdbc.queryForObject("select current_timestamp", OffsetDateTime.class);
        Set<String> live = new HashSet<>();
        Set<String> dead = new HashSet<>();
        live.add(id);
        record Beat(String id, OffsetDateTime at) {
        }
        for (Beat beat : jdbc.query("select id, heartbeat_at from console_instance",
                (rs, n) -> new Beat(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))) {
            if (beat.id().equals(id)) {
                continue;
            }
            Duration age = Duration.between(beat.at().toInstant(), now.toInstant());
            if (age.compareTo(staleAfter) <= 0) {
                live.add(beat.id());
            } else {
                dead.add(beat.id());
                if (age.compareTo(FORGOTTEN_AFTER) > 0) {
                    jdbc.update("delete from console_instance where id = ?", beat.id());
                }
            }
        }
        Long failed = lastFailureNanos;
        boolean judged = failed == null || System.nanoTime() - failed > staleAfter.toNanos();
        return new Heartbeats(Set.copyOf(live), Set.copyOf(dead), judged);
    }

    /** Beats on while the context stops: tasks still finishing in their shutdown grace belong to a live instance. */
    @Override
    public void stop() {
        running = false;
    }

    /** Stops beating without interrupting a beat in progress (it may be in the middle of database I/O). */
    @PreDestroy
    void close() {
        if (beats != null) {
            beats.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return -200;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("instance", Map.of("id", id, "startedAt", String.valueOf(startedAt)));
    }
}
