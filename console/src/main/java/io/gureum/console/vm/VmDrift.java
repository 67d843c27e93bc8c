package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.workload.DriftTally;
import io.gureum.console.workload.WorkloadDrift;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Recounts VMs against their hosts: the console's VM rows that count against quota on each
 * answering host, against the domains that host really holds (known by Gureum metadata or, for adopted
 * domains without metadata, by domain UUID), one bulk
 * listing per host. Names the VMs missing on a host and the domains the console has no record of.
 */
@Component
class VmDrift extends WorkloadDrift<VirtualMachine, VmStatus, VmInfo> {

    private static final List<VmStatus> RECORDED = List.of(VmStatus.RUNNING, VmStatus.PAUSED, VmStatus.STOPPED,
            VmStatus.CRASHED, VmStatus.UNKNOWN);

    private final VirtualMachineRepository vms;

    VmDrift(HostService hosts, VirtualMachineRepository vms) {
        super(WorkloadKind.VM, hosts, vms, host -> host.status() == HostStatus.UP,
                hostId -> hosts.hypervisorOf(hostId).listAll(), List.of(HypervisorException.class));
        this.vms = vms;
    }

    @Override
    protected void recount(DriftTally tally, HostSummary host, List<VmInfo> domains) {
        Map<String, VmInfo> managed = new TreeMap<>();
        Map<UUID, String> managedByUuid = new HashMap<>();
        Set<UUID> onHost = new HashSet<>();
        for (VmInfo domain : domains) {
            onHost.add(domain.id());
            domain.metadata().map(GureumMetadata::resourceId).ifPresent(id -> {
                managed.put(id, domain);
                managedByUuid.put(domain.id(), id);
            });
        }
        for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(host.id(), RECORDED)) {
            // By the console's metadata, or by domain UUID: adopted domains carry no metadata.
            boolean byMetadata = managed.remove(vm.id().toString()) != null;
            boolean byUuid = vm.domainUuid() != null && onHost.contains(vm.domainUuid());
            if (vm.domainUuid() != null) {
                String resourceId = managedByUuid.get(vm.domainUuid()); // by index: no scan per VM
                if (resourceId != null) {
                    managed.remove(resourceId);
                }
            }
            tally.recorded(vm.projectId(), byMetadata || byUuid, vm.name(), host.name());
        }
        for (VmInfo stray : managed.values()) {
            long project = stray.metadata().map(m -> DriftTally.projectOf(m.projectId())).orElse(-1L);
            if (project < 0 || inTransition(stray.metadata().get().resourceId())) {
                continue; // not one of ours, or being made or removed right now
            }
            tally.unrecorded(project, stray.name(), host.name());
        }
    }
}
