package io.gureum.console.task;

import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At startup, after every bean and event listener is ready but before the web server takes requests:
 * no task stays QUEUED or RUNNING from a previous run. Each ends FAILED and a
 * {@link TaskEvents.TaskInterrupted} lets its feature clean up what it half-made.
 */
@Component
class TaskRecovery implements SmartLifecycle {

    private final TaskService tasks;
    private volatile boolean running;

    TaskRecovery(TaskService tasks) {
        this.tasks = tasks;
    }

    List<TaskSummary> recover() {
        return tasks.failInterrupted();
    }

    @Override
    public void start() {
        recover();
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
