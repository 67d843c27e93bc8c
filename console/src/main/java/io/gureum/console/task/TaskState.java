package io.gureum.console.task;

/** Where a task is in its life. A console restart never leaves one RUNNING: it ends FAILED. */
public enum TaskState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
