package io.gureum.hypervisor;

/**
 * Receives events from one host. Called on the driver's event dispatch thread, one event at a
 * time and in order; do not block for long.
 */
public interface HypervisorListener {

    void onVmEvent(VmEvent event);

    /** The connection to the host was lost; calls fail with Unavailable until it is restored. */
    default void onConnectionLost(String reason) {
    }

    /** The connection is back; events may have been missed, so resync with {@link Hypervisor#snapshot()}. */
    default void onConnectionRestored() {
    }
}
