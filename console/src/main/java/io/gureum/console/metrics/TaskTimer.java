package io.gureum.console.metrics;

import io.gureum.console.system.SystemActor;
import io.gureum.console.task.TaskEvents;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Times every finished task by action and outcome ({@code gureum_tasks_duration_seconds}): how long a VM create
 * takes, how many fail. Actions are the console's own fixed names (vm.create, container.start, ...), so the number
 * of series stays small.
 */
@Component
class TaskTimer {

    private final TaskService tasks;
    private final MeterRegistry registry;

    TaskTimer(TaskService tasks, MeterRegistry registry) {
        this.tasks = tasks;
        this.registry = registry;
    }

    @EventListener
    void finished(TaskEvents.TaskFinished finished) {
        AtomicReference<TaskSummary> task = new AtomicReference<>();
        SystemActor.run(() -> task.set(tasks.get(finished.taskId())));
        TaskSummary ended = task.get();
        if (ended == null || ended.finishedAt() == null) {
            return;
        }
        // From when it was asked for: the user waited through the queue too.
        Duration took = Duration.between(ended.createdAt(), ended.finishedAt());
        Timer.builder("gureum.tasks.duration").description("How long tasks took, from submission to their end")
                .tag("action", finished.action()).tag("outcome", finished.state().name())
                .register(registry).record(took.isNegative() ? Duration.ZERO : took);
    }
}
