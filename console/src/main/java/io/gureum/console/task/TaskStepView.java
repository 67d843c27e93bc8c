package io.gureum.console.task;

import java.time.Instant;

/** One step of a task; {@code state} is RUNNING, DONE or FAILED. */
public record TaskStepView(int position, String description, String state, Instant startedAt, Instant finishedAt) {
}
