package io.gureum.console.task;

import java.util.UUID;

/** No such task, or one the caller may not see (the two are not told apart). */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(UUID id) {
        super("There is no task " + id + ".");
    }
}
