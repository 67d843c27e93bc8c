package io.gureum.console.dashboard;

import io.gureum.console.container.ContainerService;
import io.gureum.console.container.UnmanagedContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaDrift;
import io.gureum.console.quota.QuotaRecount;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceUse;
import io.gureum.console.system.SystemActor;
import io.gureum.console.vm.UnmanagedVm;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Assembles what the dashboard shows from the other features' facades, which authorize the caller themselves;
 * the administrators' parts (capacity, every project's quota state) are refused to everyone else here.
 */
@Service
public class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

    private final QuotaService quotas;
    private final VmService vms;
    private final HostService hosts;
    private final ProjectAccess access;
    private final double cpuOvercommit;
    private final QuotaRecount recount;
    private final ContainerService containers;
    private final Clock clock;
    private final Duration inventoryMaxAge;
    private volatile Inventory inventory;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    /** The last inventory and when it was taken. */
    private record Inventory(Instant takenAt, List<HostInventory> hosts) {
    }

    DashboardService(QuotaService quotas, VmService vms, HostService hosts, ProjectAccess access,
                     QuotaRecount recount, ContainerService containers, Clock clock,
                     @Value("${gureum.placement.cpu-overcommit:4.0}") double cpuOvercommit,
                     @Value("${gureum.dashboard.inventory-max-age:15s}") Duration inventoryMaxAge) {
        this.recount = recount;
        this.containers = containers;
        this.clock = clock;
        this.inventoryMaxAge = inventoryMaxAge;
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

    /**
     * Administrators: per host, how many VMs and containers the console manages and how many were made there by
     * hand. Listing every host costs one bulk call each (about a second for 10,000 domains), so the dashboard never
     * waits for it but the first time: it answers the last inventory and, when that is older than
     * {@code gureum.dashboard.inventory-max-age} (15 s, the host monitor's pace), takes a new one in the background.
     */
    public List<HostInventory> managedAndUnmanaged() {
        access.requireAdmin();
        Inventory last = inventory;
        if (last == null) {
            return takeInventory();
        }
        if (!last.takenAt().plus(inventoryMaxAge).isAfter(clock.instant()) && refreshing.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("dashboard-inventory").start(() -> SystemActor.run(() -> {
                try {
                    takeInventory();
                } catch (RuntimeException e) {
                    log.warn("could not take the hosts' inventory: {}", e.getMessage());
                } finally {
                    refreshing.set(false);
                }
            }));
        }
        return last.hosts();
    }

    /** Takes the inventory now, as the background refresh does (benchmarks). Administrators only. */
    public List<HostInventory> takeInventoryNow() {
        access.requireAdmin();
        return takeInventory();
    }

    private List<HostInventory> takeInventory() {
        Instant now = clock.instant();
        Map<UUID, Long> managedVms = vms.managedCountByHost();
        Map<UUID, Long> managedContainers = containers.managedCountByHost();
        Map<UUID, Long> unmanagedVms = vms.unmanaged().stream()
                .collect(Collectors.groupingBy(UnmanagedVm::hostId, Collectors.counting()));
        Map<UUID, Long> unmanagedContainers = containers.unmanaged().stream()
                .collect(Collectors.groupingBy(UnmanagedContainer::hostId, Collectors.counting()));
        List<HostInventory> rows = hosts.list().stream().map(host -> {
            boolean listed = host.status() == HostStatus.UP;
            return new HostInventory(host.name(), managedVms.getOrDefault(host.id(), 0L),
                    listed ? unmanagedVms.getOrDefault(host.id(), 0L) : -1,
                    managedContainers.getOrDefault(host.id(), 0L),
                    host.engineAnswers()
                            ? unmanagedContainers.getOrDefault(host.id(), 0L) : -1);
        }).toList();
        inventory = new Inventory(now, rows);
        return rows;
    }

    /** Drops the kept inventory, so that the next call lists the hosts again (tests). */
    void forgetInventory() {
        inventory = null;
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
