package io.gureum.console.dashboard;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaDrift;
import io.gureum.console.quota.QuotaRecount;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceUse;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Assembles what the dashboard shows from the other features' facades, which authorize the caller themselves;
 * the administrators' parts (capacity, every project's quota state) are refused to everyone else here.
 */
@Service
public class DashboardService {

    private final QuotaService quotas;
    private final VmService vms;
    private final HostService hosts;
    private final ProjectAccess access;
    private final double cpuOvercommit;
    private final QuotaRecount recount;

    DashboardService(QuotaService quotas, VmService vms, HostService hosts, ProjectAccess access,
                     QuotaRecount recount,
                     @Value("${gureum.placement.cpu-overcommit:4.0}") double cpuOvercommit) {
        this.recount = recount;
        this.quotas = quotas;
        this.vms = vms;
        this.hosts = hosts;
        this.access = access;
        this.cpuOvercommit = cpuOvercommit;
    }

    public boolean callerIsAdmin() {
        return access.isAdmin();
    }

    /** The projects the caller is a member of, with usage against each limit (administrators too). */
    public List<QuotaOverview> myProjects() {
        return quotas.overview().stream().filter(row -> row.project().myRole() != null).toList();
    }

    /**
     * How many of the VMs the caller can see are in each state (every state listed, in order; deleted VMs not
     * counted). For administrators, every VM of the cloud.
     */
    public Map<VmStatus, Long> vmsByState() {
        Map<VmStatus, Long> counts = new EnumMap<>(VmStatus.class);
        for (VmStatus status : VmStatus.values()) {
            if (status != VmStatus.DELETED) {
                counts.put(status, 0L);
            }
        }
        // Counted by the database: the dashboard never loads the VMs themselves (10,000 rows for an administrator).
        vms.countByState().forEach((state, n) -> counts.merge(state, n, Long::sum));
        return counts;
    }

    /** Administrators: every host's allocation against its capacity, as the host last reported it. */
    public List<Capacity> hostCapacity() {
        access.requireAdmin();
        return hosts.list().stream().map(this::capacity).toList();
    }

    /** Administrators: the sums over the hosts that are up (maintenance included: their capacity exists). */
    public Capacity cloudCapacity() {
        access.requireAdmin();
        List<HostSummary> up = hosts.list().stream().filter(h -> h.status() == HostStatus.UP).toList();
        int cpus = up.stream().mapToInt(HostSummary::cpus).sum();
        return new Capacity("Whole cloud", up.size() + (up.size() == 1 ? " host up" : " hosts up"), cpus,
                new ResourceUse("vCPUs", "", up.stream().mapToLong(HostSummary::allocatedVcpus).sum(),
                        up.stream().mapToLong(this::vcpuCapacity).sum()),
                new ResourceUse("Memory", "MiB", up.stream().mapToLong(HostSummary::allocatedMemoryMib).sum(),
                        up.stream().mapToLong(h -> h.memoryTotalBytes() >> 20).sum()),
                new ResourceUse("Storage", "GiB", up.stream().mapToLong(DashboardService::storageUsedGib).sum(),
                        up.stream().mapToLong(h -> h.storageCapacityBytes() >> 30).sum()));
    }

    /** Administrators: differences the periodic recount found between quota usage and the hosts. */
    public List<QuotaDrift> quotaDrift() {
        return recount.latest();
    }

    /** Administrators: every project using at least 80 % of some limit, or more than a limit; over ones first. */
    public List<QuotaOverview> projectsNearOrOverQuota() {
        access.requireAdmin();
        return quotas.overview().stream().filter(QuotaOverview::nearQuota)
                .sorted(java.util.Comparator.comparing((QuotaOverview row) -> !row.overQuota())
                        .thenComparing(row -> row.project().name()))
                .toList();
    }

    private Capacity capacity(HostSummary host) {
        return new Capacity(host.name(), host.statusText() + (host.simulated() ? " (simulated)" : ""), host.cpus(),
                new ResourceUse("vCPUs", "", host.allocatedVcpus(), vcpuCapacity(host)),
                new ResourceUse("Memory", "MiB", host.allocatedMemoryMib(), host.memoryTotalBytes() >> 20),
                new ResourceUse("Storage", "GiB", storageUsedGib(host), host.storageCapacityBytes() >> 30));
    }

    private long vcpuCapacity(HostSummary host) {
        return (long) Math.floor(host.cpus() * cpuOvercommit);
    }

    private static long storageUsedGib(HostSummary host) {
        return Math.max(0, host.storageCapacityBytes() - host.storageAvailableBytes()) >> 30;
    }

    /** The CPU overcommit ratio placement allows, for the view's explanation. */
    public double cpuOvercommit() {
        return cpuOvercommit;
    }
}
