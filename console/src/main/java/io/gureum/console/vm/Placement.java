package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Picks a host for a VM: up, not in maintenance, with enough free vCPUs (after the overcommit ratio),
 * memory and storage, least loaded first. Counts what the host reported plus VMs still provisioning
 * there, which the host cannot know about yet.
 */
@Component
class Placement {

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
        for (HostSummary host : all) {
            String why = whyNot(host, vcpus, memoryMib, diskGib);
            if (why == null) {
                fitting.add(host);
            } else {
                reasons.add(host.name() + ": " + why);
            }
        }
        return fitting.stream().min(Comparator.comparingDouble(this::load)).orElseThrow(() -> new PlacementException(
                all.isEmpty() ? "No host is registered." : "No host can take this VM (" + vcpus + " vCPUs, "
                        + memoryMib + " MiB, " + diskGib + " GiB): " + String.join("; ", reasons) + "."));
    }

    private String whyNot(HostSummary host, int vcpus, long memoryMib, int diskGib) {
        if (host.status() != HostStatus.UP) {
            return "it is " + host.statusText();
        }
        if (host.maintenance()) {
            return "it is in maintenance";
        }
        if (host.simulated()) {
            return null; // the test driver's capacity is fictional (its built-in domain "uses" all memory)
        }
        int pendingVcpus = 0;
        long pendingMemory = 0;
        for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(host.id(), List.of(VmStatus.PROVISIONING))) {
            pendingVcpus += vm.vcpus();
            pendingMemory += vm.memoryMib();
        }
        long vcpuCapacity = (long) Math.floor(host.cpus() * cpuOvercommit);
        long freeVcpus = vcpuCapacity - host.allocatedVcpus() - pendingVcpus;
        if (vcpus > freeVcpus) {
            return "needs " + vcpus + " vCPUs, " + Math.max(0, freeVcpus) + " free of " + vcpuCapacity
                    + " (" + host.cpus() + " CPUs x " + cpuOvercommit + " overcommit)";
        }
        long freeMemoryMib = (host.memoryTotalBytes() >> 20) - host.allocatedMemoryMib() - pendingMemory;
        if (memoryMib > freeMemoryMib) {
            return "needs " + memoryMib + " MiB memory, " + Math.max(0, freeMemoryMib) + " MiB free";
        }
        long freeStorageGib = host.storageAvailableBytes() >> 30;
        if (diskGib > freeStorageGib) {
            return "needs " + diskGib + " GiB storage, " + freeStorageGib + " GiB free";
        }
        return null;
    }

    private double load(HostSummary host) {
        double cpu = host.cpus() == 0 ? 1 : (double) host.allocatedVcpus() / host.cpus();
        double memory = host.memoryTotalBytes() == 0 ? 1
                : (double) (host.allocatedMemoryMib() << 20) / host.memoryTotalBytes();
        return Math.max(cpu, memory);
    }
}
