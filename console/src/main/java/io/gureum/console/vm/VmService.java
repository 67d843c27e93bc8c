package io.gureum.console.vm;

import io.gureum.console.audit.AuditService;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.Echo;
import io.gureum.console.system.NameRule;
import io.gureum.console.task.TaskRequest;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.task.TaskWork;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The VM feature's facade. Every method checks the caller's role in the VM's project; creation
 * reserves quota and inserts the VM in one transaction with the project's quota row locked, then a
 * task places, provisions and starts it.
 */
@Service
public class VmService {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");
    /** The rule for VM names, also shown next to the name field. */
    public static final NameRule NAME_RULE = new NameRule("VM name", NAME,
            "1 to 32 lower-case letters, digits or '-', starting with a letter and not ending with '-'");
    static final int MAX_VCPUS = 16;
    static final long MIN_MEMORY_MIB = 64;
    static final long MAX_MEMORY_MIB = 64 * 1024;
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private final VirtualMachineRepository vms;
    private final ProjectAccess access;
    private final QuotaService quotas;
    private final ImageCatalog images;
    private final HostService hosts;
    private final Placement placement;
    private final VmProvisioner provisioner;
    private final TaskService tasks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VmStateLog stateLog;
    private final List<String> networks;
    private final AuditService audit;
    private final Object adoptions = new Object();
    private final VmLeftovers leftovers;

    VmService(VirtualMachineRepository vms, ProjectAccess access, QuotaService quotas, ImageCatalog images,
              HostService hosts, Placement placement, VmProvisioner provisioner, TaskService tasks,
              TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, VmStateLog stateLog,
              AuditService audit, VmLeftovers leftovers,
              @Value("${gureum.vms.networks:default}") List<String> networks) {
        this.leftovers = leftovers;
        this.networks = networks.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        this.stateLog = stateLog;
        this.audit = audit;
        this.vms = vms;
        this.access = access;
        this.quotas = quotas;
        this.images = images;
        this.hosts = hosts;
        this.placement = placement;
        this.provisioner = provisioner;
        this.tasks = tasks;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** The VMs the caller may see: all for admins, else those of projects where they have a role. */
    public List<VmSummary> list() {
        List<VirtualMachine> visible = access.isAdmin()
                ? vms.findAllByStateNotOrderByCreatedAtDesc(VmStatus.DELETED)
                : vms.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(
                        access.projectsWhereCallerHolds(ProjectRole.VIEWER), VmStatus.DELETED);
        Map<UUID, String> hostNames = hostNames();
        return visible.stream().map(vm -> vm.summary(hostNames.get(vm.hostId()))).toList();
    }

    /**
     * How many of the VMs the caller may see (as {@link #list()}) are in each state, counted by the database:
     * only the states that occur.
     */
    public Map<VmStatus, Long> countByState() {
        List<Object[]> rows;
        if (access.isAdmin()) {
            rows = vms.countByState();
        } else {
            java.util.Set<Long> projects = access.projectsWhereCallerHolds(ProjectRole.VIEWER);
            rows = projects.isEmpty() ? List.of() : vms.countByStateInProjects(projects);
        }
        Map<VmStatus, Long> counts = new java.util.EnumMap<>(VmStatus.class);
        for (Object[] row : rows) {
            counts.put((VmStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * One page of the VMs the caller may see (authorized as {@link #list()}), narrowed by {@code filter},
     * newest first.
     */
    public List<VmSummary> page(VmFilter filter, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Specification<VirtualMachine> spec = visibleMatching(filter);
        if (spec == null) {
            return List.of();
        }
        int size = Math.max(1, limit);
        int pageNumber = Math.max(0, offset) / size;
        List<VirtualMachine> rows;
        if (offset % size == 0) {
            rows = vms.findAll(spec, PageRequest.of(pageNumber, size, NEWEST_FIRST)).getContent();
        } else {
            // Offsets that are no multiple of the limit: read the pages that cover the range.
            rows = vms.findAll(spec, PageRequest.of(0, offset + size, NEWEST_FIRST)).getContent().stream()
                    .skip(offset).limit(size).toList();
        }
        Map<UUID, String> hostNames = hostNames();
        return rows.stream().map(vm -> vm.summary(hostNames.get(vm.hostId()))).toList();
    }

    /** How many VMs {@link #page} can return for {@code filter}. */
    public int count(VmFilter filter) {
        Specification<VirtualMachine> spec = visibleMatching(filter);
        return spec == null ? 0 : (int) Math.min(Integer.MAX_VALUE, vms.count(spec));
    }

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    /** Null when the caller can see nothing. */
    private Specification<VirtualMachine> visibleMatching(VmFilter filter) {
        VmFilter f = filter == null ? VmFilter.ANY : filter;
        java.util.Set<Long> projects = access.isAdmin() ? null : access.projectsWhereCallerHolds(ProjectRole.VIEWER);
        if (projects != null && (projects.isEmpty() || (f.projectId() != null && !projects.contains(f.projectId())))) {
            return null;
        }
        if (f.state() == VmStatus.DELETED) {
            return null;
        }
        return (root, query, cb) -> {
            List<jakarta.persistence.criteria.Predicate> where = new java.util.ArrayList<>();
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
                String part = f.nameContains().strip().toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                where.add(cb.like(cb.lower(root.get("name")), "%" + part + "%", '\\'));
            }
            return cb.and(where.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }

    /** How many VMs the console manages on each host (host id to count). Administrators only. */
    public Map<UUID, Long> managedCountByHost() {
        access.requireAdmin();
        Map<UUID, Long> counts = new java.util.HashMap<>();
        for (Object[] row : vms.countByHost()) {
            counts.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * Domains on the answering hosts that no VM row knows (no Gureum metadata and a UUID no live VM
     * row holds): made by hand, candidates for {@link #adopt}. Administrators only.
     */
    public List<UnmanagedVm> unmanaged() {
        access.requireAdmin();
        List<UnmanagedVm> found = new java.util.ArrayList<>();
        for (HostSummary host : hosts.forPlacement()) {
            if (host.status() != io.gureum.console.host.HostStatus.UP) {
                continue;
            }
            List<VmInfo> domains;
            try {
                domains = hosts.hypervisorOf(host.id()).listAll();
            } catch (RuntimeException unreachable) {
                continue;
            }
            List<VmInfo> unmarked = domains.stream().filter(d -> d.metadata().isEmpty()).toList();
            if (unmarked.isEmpty()) {
                continue;
            }
            java.util.Set<UUID> known = vms.findAllByDomainUuidInAndStateNot(
                    unmarked.stream().map(VmInfo::id).toList(), VmStatus.DELETED).stream()
                    .map(VirtualMachine::domainUuid).collect(Collectors.toSet());
            for (VmInfo domain : unmarked) {
                if (!known.contains(domain.id())) {
                    found.add(new UnmanagedVm(host.id(), host.name(), domain.id(), domain.name(),
                            VmStateSync.statusOf(domain.state()), domain.vcpus(), domain.memoryMib()));
                }
            }
        }
        return found;
    }

    /**
     * Takes a domain made by hand on a host into a project: reserves the project's quota for its vCPUs,
     * memory and one VM (its disks are not counted: the console did not make them and does not know
     * their size) and records it, in one transaction. Nothing is written to the domain. Administrators only.
     */
    public VmSummary adopt(UUID hostId, UUID domainUuid, long projectId) {
        access.requireAdmin();
        HostSummary host = hosts.describe(hostId).orElseThrow(() -> new VmValidationException(
                "There is no host " + hostId + "."));
        VmInfo domain;
        try {
            domain = hosts.hypervisorOf(hostId).info(domainUuid);
        } catch (HypervisorException.NotFound gone) {
            throw new VmValidationException("Host " + host.name() + " has no domain " + domainUuid + ".");
        }
        if (domain.metadata().isPresent()) {
            throw new VmValidationException("Domain " + domain.name() + " was made by the console; it is not "
                    + "unmanaged.");
        }
        UUID id = UUID.randomUUID();
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        VmStatus state = VmStateSync.statusOf(domain.state());
        VirtualMachine recorded;
        // One adoption at a time: two admins adopting one domain into two projects lock different quota rows.
        synchronized (adoptions) {
            recorded = transactions.execute(tx -> {
                quotas.reserve(projectId, new ResourceAmounts(domain.vcpus(), domain.memoryMib(), 0, 1, 0, 0, 0));
                if (vms.existsByDomainUuidAndStateNot(domainUuid, VmStatus.DELETED)) {
                    throw new VmValidationException("Domain " + domain.name() + " on " + host.name()
                            + " is adopted already.");
                }
                String name = adoptedName(domain.name(), projectId);
                String domainName = vms.existsByDomainName(domain.name())
                        ? trimmed(domain.name(), 63 - 9) + "@" + domainUuid.toString().substring(0, 8)
                        : domain.name();
                return vms.save(VirtualMachine.adopted(id, name, projectId, owner, hostId, domainUuid, domainName,
                        domain.vcpus(), domain.memoryMib(), state, "adopted (" + domain.stateReason() + ")", now()));
            });
        }
        events.publishEvent(new VmEvents.VmAdopted(id, recorded.name(), projectId, "domain " + domain.name() + " ("
                + domainUuid + ") on host " + host.name() + ", " + domain.vcpus() + " vCPUs, " + domain.memoryMib()
                + " MiB, " + state.name().toLowerCase() + "; its disks are not counted against the quota"));
        return recorded.summary(host.name());
    }

    /** A valid VM name from a domain's name, unique among the project's VMs. */
    private String adoptedName(String domainName, long projectId) {
        String base = domainName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^[^a-z]+", "");
        base = trimmed(base, 32).replaceAll("-+$", "");
        if (base.isEmpty()) {
            base = "adopted";
        }
        String name = base;
        for (int n = 2; vms.existsByProjectIdAndNameAndStateNot(projectId, name, VmStatus.DELETED); n++) {
            String suffix = "-" + n;
            name = trimmed(base, 32 - suffix.length()).replaceAll("-+$", "") + suffix;
        }
        return name;
    }

    private static String trimmed(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The networks a VM's NIC may be on ({@code gureum.vms.networks}), the default first. */
    public List<String> networks() {
        return networks;
    }

    public VmSummary get(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
        return vm.summary(hostName(vm.hostId()));
    }

    /**
     * Validates, reserves quota and records the VM (PROVISIONING) in one transaction, then provisions
     * it in a task. Refused requests leave nothing behind.
     */
    public VmOperation create(NewVm request) {
        String name = request.name();
        NAME_RULE.problem(name).ifPresent(problem -> {
            throw new VmValidationException("name", problem);
        });
        if (request.vcpus() < 1 || request.vcpus() > MAX_VCPUS) {
            throw new VmValidationException("vcpus", "A VM has 1 to " + MAX_VCPUS + " vCPUs, not "
                    + request.vcpus() + ".");
        }
        if (request.memoryMib() < MIN_MEMORY_MIB || request.memoryMib() > MAX_MEMORY_MIB) {
            throw new VmValidationException("memoryMib", "A VM has " + MIN_MEMORY_MIB + " to " + MAX_MEMORY_MIB
                    + " MiB of memory, not " + request.memoryMib() + ".");
        }
        BootImage image = images.find(request.imageId()).orElseThrow(() -> new VmValidationException("image",
                "There is no image " + Echo.quoted(request.imageId()) + ". Available: "
                        + images.bootImages().stream().map(BootImage::id).toList() + "."));
        String network = request.network() == null || request.network().isBlank()
                ? (networks.isEmpty() ? VmProvisioner.NETWORK : networks.getFirst()) : request.network().strip();
        if (!networks.contains(network)) {
            throw new VmValidationException("network", "There is no network " + Echo.quoted(network)
                    + " for VMs. Available: " + networks + " (the administrator sets them in gureum.vms.networks).");
        }
        if (request.hostId() != null) {
            access.requireAdmin(); // choosing the host by hand is an administrator's decision
        }
        UUID wantedHost = request.hostId();
        if (image.onlyOnHost() != null) {
            // A volume on one host: VMs made from it can only live there.
            if (wantedHost != null && !wantedHost.equals(image.onlyOnHost())) {
                throw new VmValidationException("host", "Image '" + image.name() + "' is a volume on host "
                        + hostName(image.onlyOnHost()) + ": VMs made from it run on that host only.");
            }
            wantedHost = image.onlyOnHost();
        }
        UUID placeOn = wantedHost;
        UUID id = UUID.randomUUID();
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        VirtualMachine recorded = transactions.execute(tx -> {
            // Locks the project's quota row: concurrent creates of one project queue here.
            quotas.reserve(request.projectId(), new ResourceAmounts(request.vcpus(), request.memoryMib(),
                    image.diskGib(), 1, 0, 0, 0));
            if (vms.existsByProjectIdAndNameAndStateNot(request.projectId(), name, VmStatus.DELETED)) {
                throw new VmValidationException("name", "The project has a VM named '" + name + "' already.");
            }
            return vms.save(new VirtualMachine(id, name, request.projectId(), owner, image.id(), request.vcpus(),
                    request.memoryMib(), image.diskGib(), now()));
        });
        events.publishEvent(new VmEvents.VmActionRequested(id, name, request.projectId(), "vm.create",
                request.vcpus() + " vCPUs, " + request.memoryMib() + " MiB, image " + image.id() + ", network " + network));
        TaskSummary task = tasks.submit(new TaskRequest("vm.create", "vm", id.toString(), name, request.projectId()),
                context -> provisionTask(id, image, placeOn, network, context));
        return new VmOperation(recorded.summary(null), task.id());
    }

    public VmOperation start(UUID id) {
        return act(id, "vm.start", VmStatus.RUNNING, (vm, hv) -> hv.start(vm.domainUuid()));
    }

    /** Asks the guest to power off; forces it off after a timeout (guests may ignore ACPI). */
    public VmOperation shutdown(UUID id) {
        return act(id, "vm.shutdown", VmStatus.STOPPED,
                (vm, hv) -> provisioner.shutdown(hv, vm.domainUuid(), SHUTDOWN_TIMEOUT));
    }

    public VmOperation forceOff(UUID id) {
        return act(id, "vm.force-off", VmStatus.STOPPED, (vm, hv) -> hv.forceOff(vm.domainUuid()));
    }

    public VmOperation reboot(UUID id) {
        return act(id, "vm.reboot", null, (vm, hv) -> hv.reboot(vm.domainUuid()));
    }

    /** Pauses the VM's vCPUs (memory stays allocated). */
    public VmOperation suspend(UUID id) {
        return act(id, "vm.suspend", null, (vm, hv) -> hv.suspend(vm.domainUuid()));
    }

    public VmOperation resume(UUID id) {
        return act(id, "vm.resume", null, (vm, hv) -> hv.resume(vm.domainUuid()));
    }

    /** With ALWAYS, a VM that stops without a console action is started again. */
    public VmSummary setRestartPolicy(UUID id, RestartPolicy policy) {
        VirtualMachine vm = visible(id, ProjectRole.MEMBER);
        change(id, v -> v.restartPolicy(policy, now()));
        events.publishEvent(new VmEvents.VmActionRequested(id, vm.name(), vm.projectId(), "vm.restart-policy",
                policy.name().toLowerCase()));
        return get(id);
    }

    /** The guest's addresses from the host's DHCP leases ("name: 192.168.122.10/24"); empty when unknown. */
    public List<String> addresses(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
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

    /** The end of the VM's serial console log (what the guest printed), "" when there is none. */
    public String serialLog(UUID id, int maxBytes) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
        if (vm.domainUuid() == null) {
            return "";
        }
        try {
            return hosts.hypervisorOf(vm.hostId()).serialLogTail(vm.domainUuid(), Math.min(maxBytes, 64 * 1024));
        } catch (HypervisorException e) {
            return "";
        }
    }

    /** A PNG of the VM's display, or empty when it is not running or the host cannot take one. */
    public Optional<byte[]> screenshot(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
        if (vm.domainUuid() == null || vm.state() != VmStatus.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(hosts.hypervisorOf(vm.hostId()).screenshotPng(vm.domainUuid()));
        } catch (HypervisorException e) {
            return Optional.empty();
        }
    }

    /**
     * A sample of the VM's CPU time, memory, disk and network counters, or empty when it is not
     * running or its host does not answer.
     */
    public Optional<VmResourceStats> stats(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
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

    /** The VM's last observed state changes, newest first (kept in memory since the console started). */
    public List<VmStateLog.Change> stateChanges(UUID id) {
        visible(id, ProjectRole.VIEWER);
        return stateLog.of(id);
    }

    /** How many audit entries {@link #auditTrail} returns at most. */
    public static final int AUDIT_TRAIL_SIZE = 20;

    /**
     * The audit entries about this VM (target "vm name" in its project since it was made), newest
     * first, or why the caller may not see them: the audit log is for administrators and project owners.
     */
    public VmAuditTrail auditTrail(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.VIEWER);
        boolean mayRead = access.isAdmin() || access.roleOf(vm.projectId()).filter(r -> r == ProjectRole.OWNER).isPresent();
        if (!mayRead) {
            return new VmAuditTrail(List.of(), "The audit log is shown to the project's owners and administrators "
                    + "only; below are the VM's tasks.");
        }
        String target = "vm " + vm.name();
        // AuditService.search applies the audit log's own authorization as well.
        List<io.gureum.console.audit.AuditRecord> entries = audit.search(new io.gureum.console.audit.AuditFilter(
                null, vm.projectId(), "vm.", null, vm.createdAt(), null)).stream()
                .filter(entry -> target.equals(entry.target())).limit(AUDIT_TRAIL_SIZE).toList();
        return new VmAuditTrail(entries, null);
    }

    /**
     * Starts a VM whose restart policy is ALWAYS and that stopped without a console action. Called
     * by the keeper, not by users; runs as the system.
     */
    Optional<VmOperation> restartByPolicy(UUID id, String why) {
        VirtualMachine vm = vms.findById(id).orElse(null);
        if (vm == null || vm.restartPolicy() != RestartPolicy.ALWAYS || vm.desiredState() != VmStatus.RUNNING
                || (vm.state() != VmStatus.STOPPED && vm.state() != VmStatus.CRASHED) || vm.domainUuid() == null) {
            return Optional.empty();
        }
        events.publishEvent(new VmEvents.VmActionRequested(id, vm.name(), vm.projectId(), "vm.restart-by-policy",
                why));
        TaskSummary task = tasks.submit(new TaskRequest("vm.restart-by-policy", "vm", id.toString(), vm.name(),
                vm.projectId()), context -> {
                    context.step("start again: restart policy is always (" + why + ")");
                    try {
                        hosts.hypervisorOf(vm.hostId()).start(vm.domainUuid());
                        finished(vm, "vm.restart-by-policy", true, null);
                    } catch (RuntimeException e) {
                        finished(vm, "vm.restart-by-policy", false, e.getMessage());
                        throw HostFailure.explain(e);
                    }
                });
        return Optional.of(new VmOperation(vm.summary(hostName(vm.hostId())), task.id()));
    }

    /** Removes the VM from its host with the disk made for it, and frees its quota. */
    public VmOperation delete(UUID id) {
        VirtualMachine vm = visible(id, ProjectRole.MEMBER);
        if (vm.state() == VmStatus.PROVISIONING || vm.state() == VmStatus.DELETING) {
            throw new VmValidationException("VM " + vm.name() + " is " + vm.state().name().toLowerCase()
                    + ": wait until that ends, then delete it.");
        }
        VmStatus before = vm.state();
        change(id, v -> v.observed(VmStatus.DELETING, "deleting", now()));
        events.publishEvent(new VmEvents.VmActionRequested(id, vm.name(), vm.projectId(), "vm.delete", null));
        // Read before the task starts: on a fast host the VM can be DELETED (and invisible) by the time submit returns.
        VmSummary deleting = get(id);
        TaskSummary task = tasks.submit(new TaskRequest("vm.delete", "vm", id.toString(), vm.name(), vm.projectId()),
                context -> {
                    try {
                        if (vm.hostId() != null && vm.domainUuid() != null) {
                            context.step("power off and remove the VM and its disk from host " + hostName(vm.hostId()));
                            provisioner.remove(hosts.hypervisorOf(vm.hostId()), vm.domainUuid());
                        }
                        change(id, v -> v.observed(VmStatus.DELETED, "deleted",
                                now()));
                        finished(vm, "vm.delete", true, null);
                    } catch (RuntimeException e) {
                        change(id, v -> v.observed(before,
                                "delete failed: " + e.getMessage(), now()));
                        finished(vm, "vm.delete", false, e.getMessage());
                        throw HostFailure.explain(e);
                    }
                });
        return new VmOperation(deleting, task.id());
    }

    private void provisionTask(UUID id, BootImage image, UUID wantedHost, String network,
                               io.gureum.console.task.TaskContext context) {
        VirtualMachine vm = vms.findById(id).orElseThrow();
        UUID domain = null;
        HostSummary host = null;
        try {
            context.step("choose a host");
            host = placement.choose(vm.vcpus(), vm.memoryMib(), 1, wantedHost);
            UUID hostId = host.id();
            change(id, v -> v.placed(hostId, now()));
            Hypervisor hypervisor = hosts.hypervisorOf(host.id());
            domain = provisioner.provision(hypervisor, host, vm, image, network, context);
            UUID domainUuid = domain;
            // Start returned, so the domain runs: no second read of it. Whatever happens to it from here on comes
            // as lifecycle events (and the periodic resync), which VmStateSync applies once the row is RUNNING.
            change(id, v -> {
                v.defined(domainUuid, now());
                v.observed(VmStatus.RUNNING, "started", now());
            });
            finished(vm, "vm.create", true, "on host " + host.name());
        } catch (RuntimeException e) {
            // By name as well: a host that stopped answering mid-create may hold a disk or domain not known here.
            String cleanup = host == null ? null : leftovers.afterFailedCreate(host, vm, domain);
            String message = cleanup == null || cleanup.startsWith("nothing") ? e.getMessage()
                    : e.getMessage() + " (" + cleanup + ")";
            change(id, v -> v.failed(message, now()));
            finished(vm, "vm.create", false, e.getMessage());
            throw HostFailure.explain(e);
        }
    }

    private VmOperation act(UUID id, String action, VmStatus desired, HypervisorAction work) {
        VirtualMachine vm = visible(id, ProjectRole.MEMBER);
        if (vm.domainUuid() == null || vm.hostId() == null) {
            throw new VmValidationException("VM " + vm.name() + " is " + vm.state().name().toLowerCase()
                    + " and has nothing on a host to " + action.substring(3) + ".");
        }
        if (desired != null) {
            // Recorded before the action so that the keeper never fights a stop the owner asked for.
            change(id, v -> v.desire(desired, now()));
        }
        events.publishEvent(new VmEvents.VmActionRequested(id, vm.name(), vm.projectId(), action, null));
        TaskWork body = context -> {
            context.step(action.substring(3) + " on host " + hostName(vm.hostId()));
            try {
                work.run(vm, hosts.hypervisorOf(vm.hostId()));
                finished(vm, action, true, null);
            } catch (RuntimeException e) {
                finished(vm, action, false, e.getMessage());
                throw HostFailure.explain(e);
            }
        };
        TaskSummary task = tasks.submit(new TaskRequest(action, "vm", id.toString(), vm.name(), vm.projectId()), body);
        return new VmOperation(vm.summary(hostName(vm.hostId())), task.id());
    }

    private void finished(VirtualMachine vm, String action, boolean ok, String detail) {
        events.publishEvent(new VmEvents.VmActionFinished(vm.id(), vm.name(), vm.projectId(), action, ok, detail));
    }

    private VirtualMachine visible(UUID id, ProjectRole needed) {
        VirtualMachine vm = vms.findById(id).filter(v -> v.state() != VmStatus.DELETED)
                .orElseThrow(() -> new VmNotFoundException(id));
        if (access.roleOf(vm.projectId()).isEmpty() && !access.isAdmin()) {
            throw new VmNotFoundException(id); // another project's VM looks like no VM at all
        }
        access.requireRole(vm.projectId(), needed);
        return vm;
    }

    /**
     * Changes the VM row in its own transaction. A task and the state sync may write the same row at
     * the same moment; the loser of the version check reads the row again and re-applies its change.
     */
    private void change(UUID id, java.util.function.Consumer<VirtualMachine> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> {
                    VirtualMachine vm = vms.findById(id).orElseThrow(() -> new VmNotFoundException(id));
                    change.accept(vm);
                    vms.save(vm);
                });
                return;
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt >= 5) {
                    throw conflict;
                }
            }
        }
    }

    private Map<UUID, String> hostNames() {
        return hosts.forPlacement().stream().collect(Collectors.toMap(HostSummary::id, HostSummary::name));
    }

    private String hostName(UUID hostId) {
        return hostId == null ? null : hosts.describe(hostId).map(HostSummary::name).orElse("(removed host)");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @FunctionalInterface
    private interface HypervisorAction {
        void run(VirtualMachine vm, Hypervisor hypervisor);
    }
}
