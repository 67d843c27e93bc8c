package io.gureum.console.vm;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditRecord;
import io.gureum.console.audit.AuditService;
import io.gureum.console.host.HostService;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.workload.WorkloadFilter;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.hypervisor.HypervisorException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link VmService} reads: the VMs the caller may see (listed, paged, counted) and what a VM's host says about
 * it. Reached only through the facade, which checks the caller's role on the VM it passes in.
 */
final class VmQueries {

    private final VirtualMachineRepository vms;
    private final WorkloadRows<VirtualMachine, VmStatus> rows;
    private final ProjectAccess access;
    private final HostService hosts;
    private final AuditService audit;

    VmQueries(VirtualMachineRepository vms, WorkloadRows<VirtualMachine, VmStatus> rows, ProjectAccess access,
              HostService hosts, AuditService audit) {
        this.vms = vms;
        this.rows = rows;
        this.access = access;
        this.hosts = hosts;
        this.audit = audit;
    }

    List<VmSummary> list() {
        return summaries(rows.visibleRows(() -> vms.findAllByStateNotOrderByCreatedAtDesc(VmStatus.DELETED),
                projects -> vms.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(projects, VmStatus.DELETED)));
    }

    Map<VmStatus, Long> countByState() {
        List<Object[]> counted;
        if (access.isAdmin()) {
            counted = vms.countByState();
        } else {
            Set<Long> projects = access.projectsWhereCallerHolds(ProjectRole.VIEWER);
            counted = projects.isEmpty() ? List.of() : vms.countByStateInProjects(projects);
        }
        Map<VmStatus, Long> counts = new EnumMap<>(VmStatus.class);
        for (Object[] row : counted) {
            counts.put((VmStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    List<VmSummary> page(VmFilter filter, int offset, int limit) {
        return summaries(rows.page(vms, shared(filter), offset, limit));
    }

    int count(VmFilter filter) {
        return rows.count(vms, shared(filter));
    }

    private static WorkloadFilter<VmStatus> shared(VmFilter filter) {
        return filter == null ? WorkloadFilter.any()
                : new WorkloadFilter<>(filter.projectId(), filter.state(), filter.hostId(), filter.nameContains());
    }

    private List<VmSummary> summaries(List<VirtualMachine> found) {
        Map<UUID, String> hostNames = rows.hostNames();
        return found.stream().map(vm -> vm.summary(hostNames.get(vm.hostId()))).toList();
    }

    List<String> addresses(VirtualMachine vm) {
        if (vm.domainUuid() == null || vm.state() != VmStatus.RUNNING) {
            return List.of();
        }
        try {
            return hosts.hypervisorOf(vm.hostId()).interfaceAddresses(vm.domainUuid()).stream()
                    .flatMap(nic -> nic.addresses().stream().map(address -> nic.name() + ": " + address))
                    .toList();
        } catch (HypervisorException e) {
            return List.of();
        }
    }

    /**
     * The guest as its agent and serial log show it. {@code defaultUser} is the cloud-init image's user (null for an
     * image without cloud-init): it gives the SSH command line and the cloud-init status.
     */
    VmGuest guest(VirtualMachine vm, String defaultUser) {
        VmGuest.CloudInitStatus unused = VmGuest.CloudInitStatus.NOT_USED;
        if (vm.domainUuid() == null || vm.state() != VmStatus.RUNNING) {
            return new VmGuest(false, null, null, List.of(), null, defaultUser == null ? unused
                    : vm.state() == VmStatus.PROVISIONING ? VmGuest.CloudInitStatus.RUNNING : statusFromLog(vm));
        }
        try {
            var hypervisor = hosts.hypervisorOf(vm.hostId());
            io.gureum.hypervisor.GuestInfo info = hypervisor.guestInfo(vm.domainUuid());
            List<String> addresses = info.interfaces().stream()
                    .flatMap(nic -> nic.addresses().stream().map(address -> nic.name() + ": " + address)).toList();
            String ssh = defaultUser == null ? null : info.firstIpv4().map(ip -> "ssh " + defaultUser + "@" + ip)
                    .orElse(null);
            return new VmGuest(info.agentConnected(), info.osName().orElse(null), info.hostname().orElse(null),
                    addresses, ssh, defaultUser == null ? unused : statusFromLog(vm));
        } catch (HypervisorException e) {
            return new VmGuest(false, null, null, List.of(), null, defaultUser == null ? unused
                    : VmGuest.CloudInitStatus.RUNNING);
        }
    }

    /** Read from a large tail: the boot log of a Debian guest is some tens of KiB. */
    private VmGuest.CloudInitStatus statusFromLog(VirtualMachine vm) {
        if (vm.domainUuid() == null) {
            return VmGuest.CloudInitStatus.RUNNING;
        }
        try {
            return CloudInitProgress.of(hosts.hypervisorOf(vm.hostId()).serialLogTail(vm.domainUuid(), 512 * 1024));
        } catch (HypervisorException e) {
            return VmGuest.CloudInitStatus.RUNNING;
        }
    }

    String serialLog(VirtualMachine vm, int maxBytes) {
        if (vm.domainUuid() == null) {
            return "";
        }
        try {
            return hosts.hypervisorOf(vm.hostId()).serialLogTail(vm.domainUuid(), Math.min(maxBytes, 64 * 1024));
        } catch (HypervisorException e) {
            return "";
        }
    }

    Optional<byte[]> screenshot(VirtualMachine vm) {
        if (vm.domainUuid() == null || vm.state() != VmStatus.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(hosts.hypervisorOf(vm.hostId()).screenshotPng(vm.domainUuid()));
        } catch (HypervisorException e) {
            return Optional.empty();
        }
    }

    Optional<VmResourceStats> stats(VirtualMachine vm) {
        if (vm.domainUuid() == null || vm.hostId() == null
                || (vm.state() != VmStatus.RUNNING && vm.state() != VmStatus.PAUSED)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VmResourceStats.of(hosts.hypervisorOf(vm.hostId()).stats(vm.domainUuid())));
        } catch (HypervisorException e) {
            return Optional.empty();
        }
    }

    /** The audit entries about the VM, or why the caller may not see them (admins and project owners may). */
    VmAuditTrail auditTrail(VirtualMachine vm) {
        boolean mayRead = access.isAdmin()
                || access.roleOf(vm.projectId()).filter(r -> r == ProjectRole.OWNER).isPresent();
        if (!mayRead) {
            return new VmAuditTrail(List.of(), "The audit log is shown to the project's owners and administrators "
                    + "only; below are the VM's tasks.");
        }
        String target = "vm " + vm.name();
        // AuditService.search applies the audit log's own authorization as well.
        List<AuditRecord> entries = audit.search(new AuditFilter(null, vm.projectId(), "vm.", null, vm.createdAt(),
                null)).stream().filter(entry -> target.equals(entry.target())).limit(VmService.AUDIT_TRAIL_SIZE)
                .toList();
        return new VmAuditTrail(entries, null);
    }
}
