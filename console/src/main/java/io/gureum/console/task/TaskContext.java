package io.gureum.console.task;

import java.util.UUID;

/** What a running {@link TaskWork} may tell the console about itself. Calls are persisted at once. */
public interface TaskContext {

    UUID taskId();

    /** Starts the next step (the previous one ends as done), e.g. "create copy-on-write disk". */
    void step(String description);

    /** Overall progress, 0 to 100. */
    void progress(int percent);

    /**
     * Starts the next step and sets the overall progress reached so far, in one write (one transaction instead
     * of two: a task's bookkeeping is a measurable part of a short task such as a VM create).
     */
    void step(String description, int percent);
}
