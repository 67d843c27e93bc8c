package io.gureum.console.workload;

/**
 * Every state a workload can be in, as the console last observed it or what it is doing to it. A kind uses the
 * states that apply to it: CRASHED is a VM's, EXITED a container's.
 */
public enum WorkloadState {
    PROVISIONING,
    RUNNING,
    PAUSED,
    STOPPED,
    /** A VM whose guest crashed. */
    CRASHED,
    /** A container whose process ended by itself (or was killed). */
    EXITED,
    /** Creating it failed; what was made was removed and the quota freed. */
    ERROR,
    DELETING,
    DELETED,
    /** Its host does not answer: the console cannot know, and says so rather than guess. */
    UNKNOWN;

    /** Whether the workload uses its project's quota. */
    public boolean countsAgainstQuota() {
        return this != ERROR && this != DELETED;
    }
}
