package io.gureum.console.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bounded pool of platform threads tasks run on (libvirt's bindings need platform threads).
 * On shutdown it takes no new work and waits briefly for the running tasks; whatever is still running
 * then is left RUNNING in the database and ends FAILED at the next start. It is never interrupted: a task
 * thread may be in the middle of database I/O, and an interrupt there can close the embedded database
 * under the rest of the shutdown. The threads are daemons, so a task stuck in a host call does not keep
 * the process alive.
 */
@Component
class TaskRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final ThreadPoolExecutor pool;
    private final long graceSeconds;
    private volatile boolean running;

    TaskRunner(@Value("${gureum.tasks.threads:8}") int threads,
               @Value("${gureum.tasks.shutdown-grace-seconds:10}") long graceSeconds) {
        int size = Math.max(1, threads);
        this.pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("gureum-task-", 1).daemon(true).factory());
        this.pool.allowCoreThreadTimeOut(true);
        this.graceSeconds = graceSeconds;
    }

    void execute(Runnable work) {
        pool.execute(work);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
                List<Runnable> neverStarted = new ArrayList<>();
                pool.getQueue().drainTo(neverStarted);
                log.warn("{} task(s) still running and {} queued at shutdown; they end as failed at the next start",
                        pool.getActiveCount(), neverStarted.size());
            }
        } catch (InterruptedException e) {
            pool.getQueue().clear();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at a higher phase), so no request submits meanwhile. */
    @Override
    public int getPhase() {
        return 0;
    }
}
