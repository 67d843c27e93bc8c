package io.gureum.console.task;

import io.gureum.console.system.ConsoleInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At startup, after every bean and event listener is ready but before the web server takes requests:
 * no task stays QUEUED or RUNNING from a previous run. Each ends FAILED and a
 * {@link TaskEvents.TaskInterrupted} lets its feature clean up what it half-made. Then, every heartbeat interval,
 * the same for the tasks of another console instance that stopped beating (system/ConsoleInstance): a live
 * instance's tasks are never taken. Under the database lock {@value #LOCK} (system/JobLocks): two instances do not
 * both recover a task.
 */
@Component
class TaskRecovery implements SmartLifecycle {

    static final String LOCK = "task-recovery";
    private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);
    /** Far longer than a recovery takes; a recovery cut short by a crash frees the lock after this. */
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private final TaskService tasks;
    private final LockingTaskExecutor locks;
    private final ConsoleInstance instance;
    private final Duration interval;
    private ScheduledExecutorService watch;
    private volatile boolean running;

    TaskRecovery(TaskService tasks, LockProvider locks, ConsoleInstance instance,
                 @Value("${gureum.instances.heartbeat-interval:2s}") Duration interval) {
        this.tasks = tasks;
        this.locks = new DefaultLockingTaskExecutor(locks);
        this.instance = instance;
        this.interval = interval;
    }

    /**
     * Fails the tasks no live instance runs (at startup also those recorded before V22); none while this instance
     * cannot judge who is alive.
     */
    List<TaskSummary> recover() {
        return recover(true);
    }

    private List<TaskSummary> recover(boolean unowned) {
        ConsoleInstance.Heartbeats heartbeats = instance.heartbeats();
        return heartbeats.judged() ? tasks.failInterrupted(heartbeats.live(), unowned) : List.of();
    }

    /** The periodic pass: takes the lock only when some task belongs to an instance that stopped beating. */
    void recoverFromDeadInstances() {
        try {
            ConsoleInstance.Heartbeats heartbeats = instance.heartbeats();
            if (heartbeats.judged() && tasks.hasOrphans(heartbeats.live())) {
                underLock(() -> recover(false));
            }
        } catch (RuntimeException e) {
            log.warn("Recovering the tasks of dead console instances failed: {}", e.getMessage());
        }
    }

    /** Recovers unless another instance is recovering right now (then that one does it). */
    boolean recoverOnce() {
        return underLock(this::recover);
    }

    private boolean underLock(LockingTaskExecutor.TaskWithResult<List<TaskSummary>> recovery) {
        try {
            return locks.executeWithLock(recovery,
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
        // A thread of its own: the clean-up after a dead instance's tasks (libvirt, engine calls) must neither wait
        // for the shared scheduler's long jobs nor delay the heartbeat.
        watch = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("task-recovery").daemon().factory());
        long millis = interval.toMillis();
        watch.scheduleWithFixedDelay(this::recoverFromDeadInstances, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Without interrupting a pass in progress (it may be in the middle of database I/O). */
    @Override
    public void stop() {
        running = false;
        if (watch != null) {
            watch.shutdown();
        }
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
