package io.gureum.console.vm;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditRecord;
import io.gureum.console.audit.AuditService;
import io.gureum.console.host.HostService;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.hypervisor.HypervisorException;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * What {@link VmService} reads: the VMs the caller may see (listed, paged, counted) and what a VM's host says about
 * it. Reached only through the facade, which checks the caller's role on the VM it passes in.
 */
final class VmQueries {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

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
        if (limit <= 0) {
            return List.of();
        }
        Specification<VirtualMachine> spec = visibleMatching(filter);
        if (spec == null) {
            return List.of();
        }
        int size = Math.max(1, limit);
        int pageNumber = Math.max(0, offset) / size;
        List<VirtualMachine> found;
        if (offset % size == 0) {
            found = vms.findAll(spec, PageRequest.of(pageNumber, size, NEWEST_FIRST)).getContent();
        } else {
            // Offsets that are no multiple of the limit: read the pages that cover the range.
            found = vms.findAll(spec, PageRequest.of(0, offset + size, NEWEST_FIRST)).getContent().stream()
                    .skip(offset).limit(size).toList();
        }
        return summaries(found);
    }

    int count(VmFilter filter) {
        Specification<VirtualMachine> spec = visibleMatching(filter);
        return spec == null ? 0 : (int) Math.min(Integer.MAX_VALUE, vms.count(spec));
    }

    private List<VmSummary> summaries(List<VirtualMachine> found) {
        Map<UUID, String> hostNames = rows.hostNames();
        return found.stream().map(vm -> vm.summary(hostNames.get(vm.hostId()))).toList();
    }

    /** Null when the caller can see nothing. */
    private Specification<VirtualMachine> visibleMatching(VmFilter filter) {
        VmFilter f = filter == null ? VmFilter.ANY : filter;
        Set<Long> projects = access.isAdmin() ? null : access.projectsWhereCallerHolds(ProjectRole.VIEWER);
        if (projects != null && (projects.isEmpty() || (f.projectId() != null && !projects.contains(f.projectId())))) {
            return null;
        }
        if (f.state() == VmStatus.DELETED) {
            return null;
        }
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.notEqual(root.get("state"), VmStatus.DELETED));
            if (projects != null) {
                where.add(root.get("projectId").in(projects));
            }
            if (f.projectId() != null) {
                where.add(cb.equal(root.get("projectId"), f.projectId()));
            }
            if (f.state() != null) {
                where.add(cb.equal(root.get("state"), f.state()));
            }
            if (f.hostId() != null) {
                where.add(cb.equal(root.get("hostId"), f.hostId()));
            }
            if (f.nameContains() != null && !f.nameContains().isBlank()) {
                String part = f.nameContains().strip().toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                where.add(cb.like(cb.lower(root.get("name")), "%" + part + "%", '\\'));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
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
