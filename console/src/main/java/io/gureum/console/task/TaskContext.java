package io.gureum.console.task;

import java.util.UUID;

/** What a running {@link TaskWork} may tell the console about itself. Calls are persisted at once. */
public interface TaskContext {

    UUID taskId();

    /** Starts the next step (the previous one ends as done), e.g. "create copy-on-write disk". */
    void step(String description);

    /** Overall progress, 0 to 100. */
    void progress(int percent);
}
