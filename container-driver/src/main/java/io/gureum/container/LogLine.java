package io.gureum.container;

import java.time.Instant;

/** One line a container wrote, with its stream and the engine's timestamp. */
public record LogLine(Stream stream, Instant timestamp, String text) {
    /** The container process's output stream. */
    public enum Stream { STDOUT, STDERR }
}
