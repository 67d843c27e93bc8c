package io.gureum.console.workload;

import java.time.Instant;

/** A change was meant for another version of the workload than the current one ({@link ExpectedVersion}). */
public class WorkloadChangedException extends RuntimeException {

    private final Instant currentVersion;

    WorkloadChangedException(String name, Instant currentVersion) {
        super(name + " changed since you read it.");
        this.currentVersion = currentVersion;
    }

    /** The workload's {@code updatedAt} now. */
    public Instant currentVersion() {
        return currentVersion;
    }
}
