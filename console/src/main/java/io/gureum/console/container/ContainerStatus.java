package io.gureum.console.container;

/** A container's state as the console last observed it, or what the console is doing to it. */
public enum ContainerStatus {
    PROVISIONING,
    RUNNING,
    PAUSED,
    /** Stopped through the console or the engine's stop. */
    STOPPED,
    /** Its process ended by itself (or was killed). */
    EXITED,
    /** Creation failed; what was made was removed and the quota freed. */
    ERROR,
    DELETING,
    DELETED,
    /** Its host or engine does not answer, or it vanished from the engine. */
    UNKNOWN;

    /** Whether the container uses its project's quota. */
    public boolean countsAgainstQuota() {
        return this != ERROR && this != DELETED;
    }

    /** The same state in the words every workload shares. */
    public io.gureum.console.workload.WorkloadState toWorkloadState() {
        return io.gureum.console.workload.WorkloadState.valueOf(name());
    }
}
