package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadStatus;

/** A VM's state as the console last observed it, or what the console is doing to it. */
public enum VmStatus implements WorkloadStatus {
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
    UNKNOWN
}
