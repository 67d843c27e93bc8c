package io.gureum.console.task;

import java.time.Duration;
import java.util.UUID;

/** {@link TaskService#await} gave up: the task had not finished in time (it keeps running). */
public class TaskTimeoutException extends RuntimeException {

    public TaskTimeoutException(UUID id, Duration timeout) {
        super("Task " + id + " did not finish within " + timeout.toSeconds() + " s.");
    }
}
