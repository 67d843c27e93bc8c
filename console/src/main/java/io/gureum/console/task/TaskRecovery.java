package io.gureum.console.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At startup, after every bean and event listener is ready but before the web server takes requests:
 * no task stays QUEUED or RUNNING from a previous run. Each ends FAILED and a
 * {@link TaskEvents.TaskInterrupted} lets its feature clean up what it half-made.
 * Under the database lock {@value #LOCK} (system/JobLocks): two instances starting together do not both recover.
 */
@Component
class TaskRecovery implements SmartLifecycle {

    static final String LOCK = "task-recovery";
    private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);
    /** Far longer than a recovery takes; a recovery cut short by a crash frees the lock after this. */
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private final TaskService tasks;
    private final LockingTaskExecutor locks;
    private volatile boolean running;

    TaskRecovery(TaskService tasks, LockProvider locks) {
        this.tasks = tasks;
        this.locks = new DefaultLockingTaskExecutor(locks);
    }

    List<TaskSummary> recover() {
        return tasks.failInterrupted();
    }

    /** Recovers unless another instance is recovering right now (then that one does it). */
    boolean recoverOnce() {
        try {
            return locks.executeWithLock(this::recover,
                    new LockConfiguration(Instant.now(), LOCK, AT_MOST, Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        if (!recoverOnce()) {
            log.info("Another console instance is recovering interrupted tasks; this one leaves them to it.");
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (it starts at a much higher phase). */
    @Override
    public int getPhase() {
        return -100;
    }
}
