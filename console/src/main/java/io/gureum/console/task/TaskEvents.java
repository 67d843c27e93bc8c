package io.gureum.console.task;

import java.util.UUID;

/**
 * What happens to tasks. Not audited: the features publish their own audited events for what a task did,
 * so that nothing is on record twice.
 */
public final class TaskEvents {

    private TaskEvents() {
    }

    /** Anything about the task changed (state, step, progress): for live views. */
    public record TaskChanged(UUID taskId) {
    }

    /** The task ended, successfully or not; {@code message} explains a failure. */
    public record TaskFinished(UUID taskId, String action, String targetType, String targetId, Long projectId,
                               TaskState state, String message) {
    }

    /**
     * A console restart interrupted the task (it was QUEUED or RUNNING) and it was marked FAILED. The feature
     * that owns the target cleans up whatever the task had half-made.
     */
    public record TaskInterrupted(UUID taskId, String action, String targetType, String targetId) {
    }
}
