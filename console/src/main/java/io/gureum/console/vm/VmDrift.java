package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.DriftSource;
import io.gureum.console.quota.QuotaDrift;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Recounts VMs against their hosts: the console's VM rows that count against quota on each
 * answering host, against the domains that host really holds (known by Gureum metadata or, for adopted
 * domains without metadata, by domain UUID), one bulk
 * listing per host. Names the VMs missing on a host and the domains the console has no record of.
 */
@Component
class VmDrift implements DriftSource {

    private static final List<VmStatus> RECORDED = List.of(VmStatus.RUNNING, VmStatus.PAUSED, VmStatus.STOPPED,
            VmStatus.CRASHED, VmStatus.UNKNOWN);

    private final HostService hosts;
    private final VirtualMachineRepository vms;

    VmDrift(HostService hosts, VirtualMachineRepository vms) {
        this.hosts = hosts;
        this.vms = vms;
    }

    @Override
    public List<QuotaDrift> drift() {
        Map<Long, TreeSet<String>> missing = new TreeMap<>();
        Map<Long, TreeSet<String>> unrecorded = new TreeMap<>();
        Map<Long, long[]> counts = new TreeMap<>(); // project -> {recorded, found}
        for (HostSummary host : hosts.forPlacement()) {
            if (host.status() != HostStatus.UP) {
                continue;
            }
            List<VmInfo> domains;
            try {
                domains = hosts.hypervisorOf(host.id()).listAll();
            } catch (HypervisorException unreachable) {
                continue;
            }
            Map<String, VmInfo> managed = new TreeMap<>();
            Map<java.util.UUID, String> managedByUuid = new java.util.HashMap<>();
            java.util.Set<java.util.UUID> onHost = new java.util.HashSet<>();
            for (VmInfo domain : domains) {
                onHost.add(domain.id());
                domain.metadata().map(GureumMetadata::resourceId).ifPresent(id -> {
                    managed.put(id, domain);
                    managedByUuid.put(domain.id(), id);
                });
            }
            for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(host.id(), RECORDED)) {
                counts.computeIfAbsent(vm.projectId(), p -> new long[2])[0]++;
                // By the console's metadata, or by domain UUID: adopted domains carry no metadata.
                boolean byMetadata = managed.remove(vm.id().toString()) != null;
                boolean byUuid = vm.domainUuid() != null && onHost.contains(vm.domainUuid());
                if (vm.domainUuid() != null) {
                    String resourceId = managedByUuid.get(vm.domainUuid()); // by index: no scan per VM
                    if (resourceId != null) {
                        managed.remove(resourceId);
                    }
                }
                if (byMetadata || byUuid) {
                    counts.get(vm.projectId())[1]++;
                } else {
                    missing.computeIfAbsent(vm.projectId(), p -> new TreeSet<>()).add(vm.name() + " on " + host.name());
                }
            }
            for (VmInfo stray : managed.values()) {
                long project = stray.metadata().map(m -> parse(m.projectId())).orElse(-1L);
                if (project < 0 || inTransition(stray.metadata().get().resourceId())) {
                    continue; // not one of ours, or being made or removed right now
                }
                counts.computeIfAbsent(project, p -> new long[2])[1]++;
                unrecorded.computeIfAbsent(project, p -> new TreeSet<>()).add(stray.name() + " on " + host.name());
            }
        }
        List<QuotaDrift> drift = new ArrayList<>();
        counts.forEach((project, c) -> {
            if (missing.containsKey(project) || unrecorded.containsKey(project)) {
                List<String> parts = new ArrayList<>();
                if (missing.containsKey(project)) {
                    parts.add("missing on their host: " + String.join(", ", missing.get(project)));
                }
                if (unrecorded.containsKey(project)) {
                    parts.add("on a host but not recorded: " + String.join(", ", unrecorded.get(project)));
                }
                drift.add(new QuotaDrift(project, "vms", c[0], c[1], String.join("; ", parts)));
            }
        });
        return drift;
    }

    private boolean inTransition(String resourceId) {
        try {
            return vms.findById(java.util.UUID.fromString(resourceId))
                    .filter(vm -> vm.state() == VmStatus.PROVISIONING || vm.state() == VmStatus.DELETING)
                    .isPresent();
        } catch (IllegalArgumentException notAConsoleId) {
            return false;
        }
    }

    private static long parse(String projectId) {
        try {
            return Long.parseLong(projectId);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
