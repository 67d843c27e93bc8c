package io.gureum.console.system;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Background jobs that must run on one console instance at a time (several instances share one PostgreSQL): a
 * periodic job carries {@code @SchedulerLock} with its own lock name and durations; a start-up job takes the same
 * kind of lock through a {@code LockingTaskExecutor}. ShedLock keeps one row per job in the table {@code shedlock}
 * (V19); an instance that finds the row held skips that run.
 *
 * <p>Fail-over: every locked job is tried every 2 s ({@code gureum.jobs.tick}) on every instance, and its cadence is its
 * {@code lockAtLeastFor} (the row stays held that long after a run starts, so one run per interval across
 * instances). A lock names its holder's {@link ConsoleInstance} id; when that instance stops beating for 8 s, any
 * live instance frees its locks and the next tick (at most 2 s later) runs the job there. So a survivor runs the
 * jobs at most ~12 s after a {@code kill -9} (heartbeat 2 s + stale after 8 s + tick 2 s), without waiting for
 * lockAtMostFor. lockAtMostFor stays generous: it only matters for an instance alive but stuck in a job, and a
 * live holder's run is never doubled before it.
 *
 * <p>Only scheduled entries are locked ({@code @Scheduled} methods that call the unlocked work), so a user or a
 * test asking for a recount or a resync still gets one right away. Per-instance jobs stay unlocked: the database
 * probe (each instance's own readiness) and the browser console watcher (each instance's own open consoles).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
public class JobLocks {

    /** How often every instance tries each locked job (the {@code fixedDelay} of their {@code @Scheduled}). */
    public static final String TICK = "${gureum.jobs.tick:2s}";

    /** Locks taken by this instance carry its id, so that they can be freed at once if it dies. */
    @Bean
    LockProvider lockProvider(DataSource dataSource, ConsoleInstance instance) {
        return provider(dataSource, instance.id());
    }

    /**
     * A lock provider on the console's database whose locks name {@code lockedBy} as their holder. Times come from
     * the database's clock (usingDbTime), so that instances whose clocks disagree still agree on when a lock expires.
     */
    public static LockProvider provider(DataSource dataSource, String lockedBy) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .withLockedByValue(lockedBy)
                .usingDbTime()
                .build());
    }
}
