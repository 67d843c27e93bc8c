package io.gureum.console.vm;

import java.util.UUID;

/** A domain on a host that no VM row knows: made by hand, not (yet) managed by the console. */
public record UnmanagedVm(UUID hostId, String hostName, UUID domainUuid, String name, VmStatus state, int vcpus,
                          long memoryMib) {
}
