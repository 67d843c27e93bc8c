package io.gureum.hypervisor;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What the hypervisor says about one VM. {@code stateReason} is libvirt's reason for the state
 * in lower case (e.g. "booted", "destroyed", "shutdown", "user", "crashed", "unknown").
 * {@code metadata} is empty for unmanaged domains (made by hand).
 */
public record VmInfo(
        UUID id,
        String name,
        VmState state,
        String stateReason,
        int vcpus,
        long memoryMib,
        Duration cpuTime,
        boolean persistent,
        Optional<GureumMetadata> metadata) {

    public boolean managed() {
        return metadata.isPresent();
    }
}
