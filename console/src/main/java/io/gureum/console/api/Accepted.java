package io.gureum.console.api;

import java.net.URI;
import java.util.UUID;

/**
 * The answer to a long operation (202 Accepted): the task that carries it out, where to follow it (also the
 * {@code Location} header) and the resource as it is now.
 */
record Accepted<R>(UUID taskId, URI task, R resource) {

    static <R> Accepted<R> of(UUID taskId, R resource) {
        return new Accepted<>(taskId, TaskController.location(taskId), resource);
    }
}
