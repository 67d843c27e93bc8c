package io.gureum.console.api;

import io.gureum.console.task.TaskSummary;
import java.time.Instant;
import java.util.UUID;

/** A task as the API shows it; {@code message} explains a failure. */
record TaskResource(UUID id, String action, String targetType, String targetId, String targetName, Long projectId,
                    String actor, String state, boolean finished, int progress, String message, Instant createdAt,
                    Instant startedAt, Instant finishedAt) {

    static TaskResource of(TaskSummary task) {
        return new TaskResource(task.id(), task.action(), task.targetType(), task.targetId(), task.targetName(),
                task.projectId(), task.actor(), task.state().name(), task.finished(), task.progress(),
                task.message(), task.createdAt(), task.startedAt(), task.finishedAt());
    }
}
