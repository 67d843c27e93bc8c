package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Picks a host for a VM: up, not in maintenance, with enough free vCPUs (after the overcommit ratio),
 * memory and storage, least loaded first. What a host has in use is what its hand-made domains used when it
 * last reported (every 15 s) plus the console's own VMs there from the database (running, paused or still
 * provisioning), which is never stale: a VM that started or was deleted since the last report counts as it is.
 */
@Component
class Placement {

    private static final List<VmStatus> IN_USE = List.of(VmStatus.PROVISIONING, VmStatus.RUNNING, VmStatus.PAUSED);

    private final HostService hosts;
    private final VirtualMachineRepository vms;
    private final double cpuOvercommit;

    Placement(HostService hosts, VirtualMachineRepository vms,
              @Value("${gureum.placement.cpu-overcommit:4.0}") double cpuOvercommit) {
        this.hosts = hosts;
        this.vms = vms;
        this.cpuOvercommit = cpuOvercommit;
    }

    /** The chosen host, or PlacementException saying for each host why it does not fit. */
    HostSummary choose(int vcpus, long memoryMib, int diskGib, UUID wanted) {
        List<String> reasons = new ArrayList<>();
        List<HostSummary> fitting = new ArrayList<>();
        List<HostSummary> all = wanted == null ? hosts.forPlacement()
                : hosts.describe(wanted).map(List::of).orElseThrow(
                        () -> new PlacementException("There is no host " + wanted + "."));
        Map<UUID, Allocation> used = new HashMap<>();
        for (HostSummary host : all) {
            String why = whyNot(host, vcpus, memoryMib, diskGib, used);
            if (why == null) {
                fitting.add(host);
            } else {
                reasons.add(host.name() + ": " + why);
            }
        }
        return fitting.stream().min(Comparator.comparingDouble(host -> load(host, used)))
                .orElseThrow(() -> new PlacementException(all.isEmpty() ? "No host is registered."
                        : "No host can take this VM (" + vcpus + " vCPUs, " + memoryMib + " MiB, " + diskGib
                        + " GiB): " + String.join("; ", reasons) + "."));
    }

    private String whyNot(HostSummary host, int vcpus, long memoryMib, int diskGib, Map<UUID, Allocation> used) {
        if (host.status() != HostStatus.UP) {
            return "it is " + host.statusText();
        }
        if (host.maintenance()) {
            return "it is in maintenance";
        }
        if (host.simulated()) {
            return null; // the test driver's capacity is fictional (its built-in domain "uses" all memory)
        }
        Allocation inUse = used.computeIfAbsent(host.id(), id -> allocation(host));
        long vcpuCapacity = (long) Math.floor(host.cpus() * cpuOvercommit);
        long freeVcpus = vcpuCapacity - inUse.vcpus();
        if (vcpus > freeVcpus) {
            return "needs " + vcpus + " vCPUs, " + Math.max(0, freeVcpus) + " free of " + vcpuCapacity
                    + " (" + host.cpus() + " CPUs x " + cpuOvercommit + " overcommit)";
        }
        long freeMemoryMib = (host.memoryTotalBytes() >> 20) - inUse.memoryMib();
        if (memoryMib > freeMemoryMib) {
            return "needs " + memoryMib + " MiB memory, " + Math.max(0, freeMemoryMib) + " MiB free";
        }
        if (host.storagePool().problem() != null) {
            return "its storage pool " + host.storagePool().name() + " could not be made: " + host.storagePool().problem();
        }
        long freeStorageGib = host.storageAvailableBytes() >> 30;
        if (diskGib > freeStorageGib) {
            return "needs " + diskGib + " GiB storage, " + freeStorageGib + " GiB free";
        }
        return null;
    }

    private double load(HostSummary host, Map<UUID, Allocation> used) {
        Allocation inUse = used.computeIfAbsent(host.id(), id -> allocation(host));
        double cpu = host.cpus() == 0 ? 1 : (double) inUse.vcpus() / host.cpus();
        double memory = host.memoryTotalBytes() == 0 ? 1
                : (double) (inUse.memoryMib() << 20) / host.memoryTotalBytes();
        return Math.max(cpu, memory);
    }

    /** What is in use on a host: its hand-made domains as last reported plus the console's VMs there now. */
    private Allocation allocation(HostSummary host) {
        Object[] ours = vms.allocationOn(host.id(), IN_USE).getFirst();
        return new Allocation(host.unmanagedVcpus() + ((Number) ours[0]).longValue(),
                host.unmanagedMemoryMib() + ((Number) ours[1]).longValue());
    }

    private record Allocation(long vcpus, long memoryMib) {
    }
}
