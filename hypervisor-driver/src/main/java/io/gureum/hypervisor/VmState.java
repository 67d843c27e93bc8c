package io.gureum.hypervisor;

/** Observed run state of a VM, as the hypervisor reports it. */
public enum VmState {
    RUNNING,
    /** Running but blocked on a resource (libvirt 'blocked'); treat like RUNNING. */
    BLOCKED,
    PAUSED,
    SHUTTING_DOWN,
    SHUT_OFF,
    CRASHED,
    PM_SUSPENDED,
    NO_STATE;

    /** True when the VM has a live process on the host. */
    public boolean isActive() {
        return this != SHUT_OFF && this != CRASHED && this != NO_STATE;
    }
}
