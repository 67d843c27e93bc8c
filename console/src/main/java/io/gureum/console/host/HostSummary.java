package io.gureum.console.host;

import java.time.Instant;
import java.util.UUID;

/**
 * A host as the rest of the console sees it: identity, status and the capacity and allocation
 * the host last reported. Sizes in bytes unless the name says otherwise. {@code allocated*} is what every
 * running domain uses, {@code unmanaged*} what those without the console's metadata (made by hand) use.
 */
public record HostSummary(
        UUID id,
        String name,
        String libvirtUri,
        String containerEndpoint,
        boolean simulated,
        boolean maintenance,
        String domainType,
        String domainTypeReason,
        HostStatus status,
        String statusMessage,
        Instant unreachableSince,
        Instant lastSeenAt,
        int cpus,
        String cpuModel,
        long memoryTotalBytes,
        long memoryFreeBytes,
        long storageCapacityBytes,
        long storageAvailableBytes,
        int allocatedVcpus,
        long allocatedMemoryMib,
        int unmanagedVcpus,
        long unmanagedMemoryMib,
        int domainsRunning,
        int domainsTotal,
        String libvirtVersion,
        String hypervisorVersion,
        String engineProduct,
        String engineVersion,
        String engineMessage,
        StoragePoolState storagePool) {

    /** Without storage pool facts (hosts built by hand, e.g. in tests): the configured default pool, not checked yet. */
    public HostSummary(UUID id, String name, String libvirtUri, String containerEndpoint, boolean simulated,
                       boolean maintenance, String domainType, String domainTypeReason, HostStatus status,
                       String statusMessage, Instant unreachableSince, Instant lastSeenAt, int cpus, String cpuModel,
                       long memoryTotalBytes, long memoryFreeBytes, long storageCapacityBytes,
                       long storageAvailableBytes, int allocatedVcpus, long allocatedMemoryMib, int unmanagedVcpus,
                       long unmanagedMemoryMib, int domainsRunning, int domainsTotal, String libvirtVersion,
                       String hypervisorVersion, String engineProduct, String engineVersion, String engineMessage) {
        this(id, name, libvirtUri, containerEndpoint, simulated, maintenance, domainType, domainTypeReason, status,
                statusMessage, unreachableSince, lastSeenAt, cpus, cpuModel, memoryTotalBytes, memoryFreeBytes,
                storageCapacityBytes, storageAvailableBytes, allocatedVcpus, allocatedMemoryMib, unmanagedVcpus,
                unmanagedMemoryMib, domainsRunning, domainsTotal, libvirtVersion, hypervisorVersion, engineProduct,
                engineVersion, engineMessage, new StoragePoolState(
                        (simulated ? HostStorage.SIMULATED : HostStorage.CONFIGURED_DEFAULT).name(),
                        (simulated ? HostStorage.SIMULATED : HostStorage.CONFIGURED_DEFAULT).path().toString(),
                        status == HostStatus.UP, null, null));
    }

    /** Whether new VMs may be placed here: libvirt answers and the host is not in maintenance. */
    public boolean acceptsPlacements() {
        return status == HostStatus.UP && !maintenance;
    }

    /** Whether the host's container engine answered the last check; libvirt's answer does not matter to it. */
    public boolean engineAnswers() {
        return containerEndpoint != null && engineProduct != null;
    }

    /** Whether new containers may be placed here: its engine answers and the host is not in maintenance. */
    public boolean acceptsContainers() {
        return engineAnswers() && !maintenance;
    }

    /** Where the console keeps this host's VM disks, and how the pool was at the last answer. */
    public String storagePoolText() {
        return storagePool.describe(io.gureum.console.ui.Formats.bytes(storageAvailableBytes),
                io.gureum.console.ui.Formats.bytes(storageCapacityBytes));
    }

    /** "Podman 4.3.1", "none", or "unreachable: why" for the host's container engine. */
    public String engineText() {
        if (containerEndpoint == null) {
            return "none";
        }
        if (engineProduct == null) {
            return "unreachable" + (engineMessage == null ? "" : ": " + engineMessage);
        }
        return engineProduct.charAt(0) + engineProduct.substring(1).toLowerCase() + " " + engineVersion;
    }

    /** "up", "maintenance", "unreachable since ..." as an operator reads it. */
    public String statusText() {
        if (status == HostStatus.UNREACHABLE) {
            return "unreachable" + (unreachableSince == null ? "" : " since " + unreachableSince);
        }
        if (maintenance) {
            return status == HostStatus.UP ? "maintenance" : "maintenance (" + status.name().toLowerCase() + ")";
        }
        return status.name().toLowerCase();
    }
}
