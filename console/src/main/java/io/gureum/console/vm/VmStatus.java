package io.gureum.console.vm;

/** A VM's state as the console last observed it, or what the console is doing to it. */
public enum VmStatus {
    PROVISIONING,
    RUNNING,
    PAUSED,
    STOPPED,
    CRASHED,
    /** Provisioning failed; what was made was removed and the quota freed. */
    ERROR,
    DELETING,
    DELETED,
    /** Its host does not answer: the console cannot know, and says so rather than guess "stopped". */
    UNKNOWN;

    /** Whether the VM uses its project's quota. */
    public boolean countsAgainstQuota() {
        return this != ERROR && this != DELETED;
    }

    /** The same state in the words every workload shares. */
    public io.gureum.console.workload.WorkloadState toWorkloadState() {
        return io.gureum.console.workload.WorkloadState.valueOf(name());
    }
}
