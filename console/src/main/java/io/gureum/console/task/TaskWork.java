package io.gureum.console.task;

/**
 * The body of an asynchronous operation. It reports steps and progress through the context; when it
 * throws, the task ends FAILED with the exception's message, and the work must already have undone
 * what it made (the task system does not know what a VM or a container is).
 */
@FunctionalInterface
public interface TaskWork {

    void run(TaskContext context) throws Exception;
}
