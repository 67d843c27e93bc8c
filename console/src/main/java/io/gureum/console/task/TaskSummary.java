package io.gureum.console.task;

import java.time.Instant;
import java.util.UUID;

/** A task as the console shows it. {@code message} is the failure's explanation, or null. */
public record TaskSummary(UUID id, String action, String targetType, String targetId, String targetName,
                          Long projectId, String actor, TaskState state, int progress, String message,
                          Instant createdAt, Instant startedAt, Instant finishedAt) {

    public boolean finished() {
        return state.finished();
    }
}
