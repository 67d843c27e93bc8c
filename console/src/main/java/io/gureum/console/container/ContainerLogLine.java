package io.gureum.console.container;

import java.time.Instant;

/** One line of a container's output; stderr is true for the error stream. */
public record ContainerLogLine(boolean stderr, Instant timestamp, String text) {
}
