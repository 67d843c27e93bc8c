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
 * (V19); an instance that finds the row held skips that run. If the holder dies, the row is free again once its
 * {@code lockAtMostFor} has passed and the next instance to try runs the job (fail-over by lock expiry).
 *
 * <p>Only scheduled entries are locked ({@code @Scheduled} methods that call the unlocked work), so a user or a
 * test asking for a recount or a resync still gets one right away. Per-instance jobs stay unlocked: the database
 * probe (each instance's own readiness) and the browser console watcher (each instance's own open consoles).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
public class JobLocks {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return provider(dataSource);
    }

    /**
     * A lock provider on the console's database. Times come from the database's clock (usingDbTime), so that
     * instances whose clocks disagree still agree on when a lock expires.
     */
    public static LockProvider provider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }
}
