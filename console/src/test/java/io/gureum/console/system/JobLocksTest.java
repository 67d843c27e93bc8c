package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.ScheduledMethodRunnable;

/**
 * Jobs that must run once across console instances: two instances on one database run a locked job once, and a
 * lock left by an instance that died is taken over when it expires. "Another instance" is a second lock provider
 * on the same database, as a second console process has.
 */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class JobLocksTest {

    /** Every periodic job that must run on one instance: its class and scheduled method. */
    private static final List<String> LOCKED_JOBS = List.of(
            "io.gureum.console.host.HostMonitor#refresh",
            "io.gureum.console.vm.VmStateSync#scheduledResync",
            "io.gureum.console.container.ContainerStateSync#scheduledResync",
            "io.gureum.console.quota.QuotaRecount#scheduledRecount",
            "io.gureum.console.api.IdempotencyKeys#scheduledForgetExpired");

    @Autowired
    LockProvider locks;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void every_periodic_job_that_must_run_once_holds_a_lock_of_its_own() throws Exception {
        List<String> names = new ArrayList<>();
        for (String job : LOCKED_JOBS) {
            Method method = scheduledMethod(job);
            SchedulerLock lock = method.getAnnotation(SchedulerLock.class);
            assertThat(method.getAnnotation(Scheduled.class)).as(job).isNotNull();
            assertThat(lock).as(job).isNotNull();
            assertThat(method.getAnnotation(Scheduled.class).fixedDelayString())
                    .as("%s: tried every tick on every instance, so a survivor picks it up soon", job)
                    .isEqualTo(JobLocks.TICK);
            assertThat(lock.lockAtLeastFor()).as("%s: its cadence is the interval it is held", job).startsWith("${");
            String interval = lock.lockAtLeastFor().replaceAll("^\\$\\{[^:]+:(.+)}$", "$1");
            assertThat(Duration.parse("PT" + interval.toUpperCase()))
                    .as("%s: held at least no longer than at most", job)
                    .isLessThanOrEqualTo(Duration.parse("PT" + lock.lockAtMostFor().toUpperCase()));
            names.add(lock.name());
        }
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void two_instances_calling_the_same_locked_job_at_once_run_it_once() throws Exception {
        String job = "test-two-callers-" + UUID.randomUUID();
        LockingTaskExecutor here = new DefaultLockingTaskExecutor(locks);
        LockingTaskExecutor otherInstance = new DefaultLockingTaskExecutor(
                JobLocks.provider(dataSource, "other-instance-" + UUID.randomUUID()));
        AtomicInteger runs = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> executed = new ArrayList<>();
            for (LockingTaskExecutor instance : List.of(here, otherInstance)) {
                executed.add(callers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    try {
                        return instance.executeWithLock(() -> {
                            runs.incrementAndGet();
                            Thread.sleep(500); // still running when the other caller tries
                            return null;
                        }, new LockConfiguration(Instant.now(), job, Duration.ofSeconds(30), Duration.ZERO))
                                .wasExecuted();
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : executed) {
                outcomes.add(f.get(20, TimeUnit.SECONDS));
            }
            assertThat(runs).hasValue(1);
            assertThat(outcomes).containsExactlyInAnyOrder(true, false);
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void a_lock_left_by_an_instance_that_died_is_taken_over_once_it_expires() throws Throwable {
        String job = "test-dead-holder-" + UUID.randomUUID();
        LockingTaskExecutor here = new DefaultLockingTaskExecutor(locks);
        LockConfiguration config = new LockConfiguration(Instant.now(), job, Duration.ofSeconds(30), Duration.ZERO);
        AtomicInteger runs = new AtomicInteger();

        holdLock(job, "2999-01-01 00:00:00", "dead-console");
        assertThat(here.executeWithLock(runs::incrementAndGet, config).wasExecuted())
                .as("held by the other instance until it expires").isFalse();
        assertThat(lockedBy(job)).isEqualTo("dead-console");

        holdLock(job, "2000-01-01 00:00:00", "dead-console"); // its lockAtMostFor has passed
        assertThat(here.executeWithLock(runs::incrementAndGet, config).wasExecuted()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(lockedBy(job)).isNotEqualTo("dead-console");
    }

    /**
     * Fail-over without waiting for lockAtMostFor: the locks of an instance whose heartbeat stopped are freed by a
     * live one within a heartbeat interval, and a live instance's locks are left alone.
     */
    @Test
    void the_locks_of_an_instance_that_stopped_beating_are_freed_at_once_and_a_live_ones_kept() throws Throwable {
        String dead = UUID.randomUUID().toString();
        String alive = UUID.randomUUID().toString();
        String deadJob = "test-dead-instance-" + UUID.randomUUID();
        String liveJob = "test-live-instance-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, ?, ?)", dead,
                now.minusHours(1), now.minusMinutes(1));
        jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, ?, ?)", alive,
                now.minusHours(1), now);
        try {
            holdLock(deadJob, "2999-01-01 00:00:00", dead);
            holdLock(liveJob, "2999-01-01 00:00:00", alive);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lockedUntil(deadJob).isAfter(Instant.now()) && System.nanoTime() < deadline) {
                jdbc.update("update console_instance set heartbeat_at = current_timestamp where id = ?", alive);
                Thread.sleep(200);
            }
            assertThat(lockedUntil(deadJob)).as("freed by this live instance's heartbeat").isBefore(Instant.now());
            assertThat(lockedUntil(liveJob)).as("a live instance keeps its lock").isAfter(Instant.now());
            LockConfiguration config = new LockConfiguration(Instant.now(), deadJob, Duration.ofSeconds(30),
                    Duration.ZERO);
            assertThat(new DefaultLockingTaskExecutor(locks).executeWithLock(() -> 1, config).wasExecuted()).isTrue();
        } finally {
            jdbc.update("delete from console_instance where id in (?, ?)", dead, alive);
        }
    }

    /**
     * The real idempotency-key clean-up, run as Spring's scheduler runs it (through the bean's proxy): a run takes
     * its lock and keeps it for lockAtLeastFor, so another instance's run in that time does nothing; after expiry
     * (or the holder's death) the next run goes ahead.
     */
    @Test
    void the_scheduled_idempotency_clean_up_runs_once_per_lock_period_across_instances() throws Exception {
        Runnable scheduledRun = new ScheduledMethodRunnable(context.getBean("idempotencyKeys"),
                scheduledMethod("io.gureum.console.api.IdempotencyKeys#scheduledForgetExpired"));
        String name = "idempotency-key-cleanup";
        holdLock(name, "2000-01-01 00:00:00", "dead-console");

        String first = oldIdempotencyKey();
        scheduledRun.run();
        assertThat(keyExists(first)).as("the first run deletes the old key").isFalse();
        assertThat(lockedBy(name)).isNotEqualTo("dead-console");

        String second = oldIdempotencyKey();
        scheduledRun.run(); // another instance's schedule, within the 30 min the lock is held at least
        assertThat(keyExists(second)).as("a second run within the lock period does nothing").isTrue();

        jdbc.update("update shedlock set lock_until = timestamp '2000-01-01 00:00:00' where name = ?", name);
        scheduledRun.run();
        assertThat(keyExists(second)).as("once the lock has expired, the next run goes ahead").isFalse();
        // leave the job free for the rest of the suite
        jdbc.update("update shedlock set lock_until = timestamp '2000-01-01 00:00:00' where name = ?", name);
    }

    private static Method scheduledMethod(String job) throws Exception {
        String[] parts = job.split("#");
        Method method = Class.forName(parts[0]).getDeclaredMethod(parts[1]);
        method.setAccessible(true);
        return method;
    }

    /** The row as an instance holding the lock left it (deleted first: the row may exist already). */
    private void holdLock(String name, String until, String by) {
        jdbc.update("delete from shedlock where name = ?", name);
        jdbc.update("insert into shedlock (name, lock_until, locked_at, locked_by) values (?, ?, ?, ?)", name,
                Timestamp.valueOf(until), Timestamp.valueOf("2000-01-01 00:00:00"), by);
    }

    private Instant lockedUntil(String name) {
        return jdbc.queryForObject("select lock_until from shedlock where name = ?", Timestamp.class, name)
                .toInstant();
    }

    private String lockedBy(String name) {
        return jdbc.queryForObject("select locked_by from shedlock where name = ?", String.class, name);
    }

    private String oldIdempotencyKey() {
        String key = "job-locks-" + UUID.randomUUID();
        jdbc.update("insert into api_idempotency_key (username, idem_key, request_hash, status, created_at) "
                + "values ('job-locks-test', ?, 'x', 201, ?)", key,
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(3));
        return key;
    }

    private boolean keyExists(String key) {
        return jdbc.queryForObject("select count(*) from api_idempotency_key where idem_key = ?", Integer.class, key) > 0;
    }
}
