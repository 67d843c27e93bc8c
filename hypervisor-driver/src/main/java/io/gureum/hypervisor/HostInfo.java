package io.gureum.hypervisor;

import java.util.List;
import java.util.Set;

/**
 * Facts about a hypervisor host. {@code domainTypes} are those the host's capabilities offer
 * for x86_64 guests; whether nested KVM really works is the operator's decision. {@code hostUuid} is the host's
 * identity as libvirt states it (capabilities' host uuid): two URIs that reach one libvirtd say the same.
 */
public record HostInfo(
        String hostname,
        String uri,
        int cpus,
        String cpuModel,
        int cpuMhz,
        long memoryTotalBytes,
        long memoryFreeBytes,
        Set<DomainType> domainTypes,
        String libvirtVersion,
        String hypervisorVersion,
        List<PoolInfo> pools,
        String hostUuid) {
}
