package io.gureum.console.container;

import io.gureum.console.workload.WorkloadStatus;

/** A container's state as the console last observed it, or what the console is doing to it. */
public enum ContainerStatus implements WorkloadStatus {
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
    UNKNOWN
}
