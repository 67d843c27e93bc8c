package io.gureum.hypervisor;

import java.time.Instant;
import java.util.UUID;

/** A lifecycle change the hypervisor reported for one VM. {@code detail} is libvirt's detail, lower case. */
public record VmEvent(UUID vmId, String vmName, Type type, String detail, Instant receivedAt) {

    /** Lifecycle event kinds. */
    public enum Type {
        DEFINED,
        UNDEFINED,
        STARTED,
        SUSPENDED,
        RESUMED,
        STOPPED,
        SHUTDOWN,
        CRASHED,
        PM_SUSPENDED,
        UNKNOWN
    }
}
