package io.gureum.console.vm;

import io.gureum.console.audit.AuditService;
import io.gureum.console.host.HostService;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.system.NameRule;
import io.gureum.console.task.TaskService;
import io.gureum.console.workload.ExpectedVersion;
import io.gureum.console.workload.WorkloadActions;
import io.gureum.console.workload.WorkloadChangedException;
import io.gureum.console.workload.WorkloadFilter;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.SerialSession;
import io.gureum.hypervisor.VncEndpoint;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The VM feature's facade and its only way in. Every method checks the caller's role in the VM's project here,
 * then hands the VM to the collaborator that does the work: {@link VmQueries} reads, {@link VmCreation} creates,
 * {@link VmLifecycle} acts and deletes. Creation reserves quota and inserts the VM in one transaction with the
 * project's quota row locked, then a task places, provisions and starts it.
 */
@Service
public class VmService implements WorkloadActions<VmSummary, VmStatus> {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");
    /** The rule for VM names, also shown next to the name field. */
    public static final NameRule NAME_RULE = new NameRule("VM name", NAME,
            "1 to 32 lower-case letters, digits or '-', starting with a letter and not ending with '-'");
    static final int MAX_VCPUS = 16;
    static final long MIN_MEMORY_MIB = 64;
    static final long MAX_MEMORY_MIB = 64 * 1024;
    static final Duration SERVER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(120);
    /** VNC listen addresses that include this machine's loopback, where the console connects. */
    private static final Set<String> LOOPBACK_OR_ANY = Set.of("127.0.0.1", "localhost", "::1", "0.0.0.0", "::");
    /** How many audit entries {@link #auditTrail} returns at most. */
    public static final int AUDIT_TRAIL_SIZE = 20;

    private final VirtualMachineRepository vms;
    private final ProjectAccess access;
    private final VmStateLog stateLog;
    private final List<String> networks;
    private final VmAdoption adoption;
    private final VmProvisioner provisioner;
    private final WorkloadRows<VirtualMachine, VmStatus> rows;
    private final VmQueries queries;
    private final VmCreation creation;
    private final VmLifecycle lifecycle;
    private final HostService hosts;
    private final ImageCatalog images;
    /** How long a shutdown waits for the guest to power off before forcing it off (servers: at least 120 s). */
    private final Duration shutdownTimeout;

    VmService(VirtualMachineRepository vms, ProjectAccess access, QuotaService quotas, ImageCatalog images,
              HostService hosts, Placement placement, VmProvisioner provisioner, TaskService tasks,
              TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, VmStateLog stateLog,
              AuditService audit, VmLeftovers leftovers, VmAdoption adoption, CloudInitSetup cloudInit,
              @Value("${gureum.vms.networks:default}") List<String> networks,
              @Value("${gureum.vms.shutdown-timeout:20s}") Duration shutdownTimeout) {
        this.vms = vms;
        this.shutdownTimeout = shutdownTimeout;
        this.access = access;
        this.stateLog = stateLog;
        this.networks = networks.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        this.adoption = adoption;
        this.provisioner = provisioner;
        this.hosts = hosts;
        this.images = images;
        // Built here and kept here: the facade is the only way to them, so its checks run on every call.
        this.rows = new WorkloadRows<>(vms, VmStatus.class, VmNotFoundException::new, access, hosts, quotas,
                transactions, clock);
        WorkloadTasks<VirtualMachine, VmStatus> runs = new WorkloadTasks<>(WorkloadKind.VM, rows, tasks, events,
                VmEvents.VmActionRequested::new, VmEvents.VmActionFinished::new, VmValidationException::new,
                HostFailure::explain);
        this.queries = new VmQueries(vms, rows, access, hosts, audit);
        this.creation = new VmCreation(vms, rows, runs, access, images, hosts, placement, provisioner, leftovers,
                this.networks, cloudInit);
        this.lifecycle = new VmLifecycle(rows, runs, hosts, provisioner);
    }

    /** The VMs the caller may see: all for admins, else those of projects where they have a role. */
    public List<VmSummary> list() {
        return queries.list();
    }

    /**
     * How many of the VMs the caller may see (as {@link #list()}) are in each state, counted by the database:
     * only the states that occur.
     */
    public Map<VmStatus, Long> countByState() {
        return queries.countByState();
    }

    /**
     * One page of the VMs the caller may see (authorized as {@link #list()}), narrowed by {@code filter},
     * newest first.
     */
    public List<VmSummary> page(VmFilter filter, int offset, int limit) {
        return queries.page(filter, offset, limit);
    }

    /** How many VMs {@link #page} can return for {@code filter}. */
    public int count(VmFilter filter) {
        return queries.count(filter);
    }

    @Override
    public List<VmSummary> page(WorkloadFilter<VmStatus> filter, int offset, int limit) {
        return page(VmFilter.of(filter), offset, limit);
    }

    @Override
    public int count(WorkloadFilter<VmStatus> filter) {
        return count(VmFilter.of(filter));
    }

    /** How many VMs the console manages on each host (host id to count). Administrators only. */
    public Map<UUID, Long> managedCountByHost() {
        access.requireAdmin();
        return WorkloadRows.countsByHost(vms.countByHost());
    }

    /**
     * Domains on the answering hosts that no VM row knows: made by hand, candidates for {@link #adopt}.
     * Administrators only.
     */
    public List<UnmanagedVm> unmanaged() {
        return adoption.unmanaged();
    }

    /** Takes a domain made by hand on a host into a project, its quota checked; see {@link VmAdoption}. */
    public VmSummary adopt(UUID hostId, UUID domainUuid, long projectId) {
        return adoption.adopt(hostId, domainUuid, projectId);
    }

    /** The networks a VM's NIC may be on ({@code gureum.vms.networks}), the default first. */
    public List<String> networks() {
        return networks;
    }

    @Override
    public VmSummary get(UUID id) {
        VirtualMachine vm = rows.visible(id, ProjectRole.VIEWER);
        return vm.summary(rows.hostName(vm.hostId()));
    }

    /**
     * The VM whose serial terminal a browser may open: the caller needs MEMBER in its project (typing into the
     * serial port is write access, so VIEWER is refused), and it must be running on a host.
     */
    public VmSummary serialTarget(UUID id) {
        VirtualMachine vm = runningForSerial(id);
        return vm.summary(rows.hostName(vm.hostId()));
    }

    /** Connects to the VM's serial console, checked as {@link #serialTarget}. */
    public SerialSession openSerial(UUID id, SerialSession.Listener listener) {
        VirtualMachine vm = runningForSerial(id);
        return hosts.hypervisorOf(vm.hostId()).openSerial(vm.domainUuid(), listener);
    }

    private VirtualMachine runningForSerial(UUID id) {
        return runningFor(id, "its serial terminal");
    }

    /**
     * The VM whose screen (VNC) a browser may open: as {@link #serialTarget}, MEMBER (keyboard and mouse are write
     * access, so VIEWER is refused) and running.
     */
    public VmSummary screenTarget(UUID id) {
        VirtualMachine vm = runningFor(id, "its screen");
        return vm.summary(rows.hostName(vm.hostId()));
    }

    /**
     * Where this console connects for the VM's screen, checked as {@link #screenTarget}: the domain's VNC server,
     * which listens on its host's loopback. Only a host on this machine ({@code qemu:///system}) is reachable so;
     * a remote host would need a tunnel to that port, which the console does not build.
     */
    public InetSocketAddress screenAddress(UUID id) {
        VirtualMachine vm = runningFor(id, "its screen");
        String uri = hosts.describe(vm.hostId()).map(h -> h.libvirtUri()).orElse("");
        if (!uri.startsWith("qemu:///")) {
            throw new VmValidationException("VM " + vm.name() + " runs on a remote host: its screen would need a tunnel "
                    + "to that host's VNC port, which this console does not build. Use the serial terminal.");
        }
        VncEndpoint vnc = hosts.hypervisorOf(vm.hostId()).vncEndpoint(vm.domainUuid()).orElseThrow(
                () -> new VmValidationException("VM " + vm.name() + " has no VNC display."));
        if (!LOOPBACK_OR_ANY.contains(vnc.host())) {
            throw new VmValidationException("VM " + vm.name() + "'s VNC server listens on " + vnc.host()
                    + ", not on loopback: the console does not connect there.");
        }
        return new InetSocketAddress("::1".equals(vnc.host()) ? "::1" : "127.0.0.1", vnc.port());
    }

    private VirtualMachine runningFor(UUID id, String what) {
        VirtualMachine vm = rows.visible(id, ProjectRole.MEMBER);
        if (vm.state() != VmStatus.RUNNING || vm.domainUuid() == null || vm.hostId() == null) {
            throw new VmValidationException("VM " + vm.name() + " is not running: " + what + " needs a running VM.");
        }
        return vm;
    }

    /**
     * Validates, reserves quota and records the VM (PROVISIONING) in one transaction, then provisions
     * it in a task. Refused requests leave nothing behind.
     */
    public VmOperation create(NewVm request) {
        // The caller's role in the project is checked when the quota is reserved; a host chosen by hand, by
        // VmCreation: both before anything is recorded.
        return creation.create(request);
    }

    @Override
    public VmOperation start(UUID id) {
        return act(id, "vm.start", VmStatus.RUNNING, (vm, hv) -> hv.start(vm.domainUuid()));
    }

    /**
     * Asks the guest to power off (through its agent when it answers, else ACPI); forces it off after a timeout
     * (guests may ignore ACPI). A server from a cloud-init image gets longer: a whole Debian takes tens of seconds
     * to stop under software emulation.
     */
    public VmOperation shutdown(UUID id) {
        return act(id, "vm.shutdown", VmStatus.STOPPED, (vm, hv) -> provisioner.shutdown(hv, vm.domainUuid(),
                images.find(vm.imageId()).filter(BootImage::isCloudInit).isPresent() ? SERVER_SHUTDOWN_TIMEOUT
                        : shutdownTimeout));
    }

    /** A VM's gentle stop is {@link #shutdown}. */
    @Override
    public VmOperation stop(UUID id) {
        return shutdown(id);
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
        return setRestartPolicy(id, policy, ExpectedVersion.ANY);
    }

    /**
     * {@link #setRestartPolicy(UUID, RestartPolicy)} only if the VM is still at the {@code expected} version, else
     * {@link WorkloadChangedException}.
     */
    public VmSummary setRestartPolicy(UUID id, RestartPolicy policy, ExpectedVersion expected) {
        lifecycle.setRestartPolicy(rows.visible(id, ProjectRole.MEMBER), policy, expected);
        return get(id);
    }

    /**
     * The guest as its QEMU guest agent shows it (OS, host name, addresses; the DHCP leases' addresses when the agent
     * does not answer), with cloud-init's progress and the SSH command line for a VM from a cloud-init image.
     */
    public VmGuest guest(UUID id) {
        VirtualMachine vm = rows.visible(id, ProjectRole.VIEWER);
        String user = images.find(vm.imageId()).filter(BootImage::isCloudInit).map(i -> i.cloudInit().defaultUser())
                .orElse(null);
        return queries.guest(vm, user);
    }

    /** The guest's addresses from the host's DHCP leases ("name: 192.168.122.10/24"); empty when unknown. */
    public List<String> addresses(UUID id) {
        return queries.addresses(rows.visible(id, ProjectRole.VIEWER));
    }

    /** The end of the VM's serial console log (what the guest printed), "" when there is none. */
    public String serialLog(UUID id, int maxBytes) {
        return queries.serialLog(rows.visible(id, ProjectRole.VIEWER), maxBytes);
    }

    /** A PNG of the VM's display, or empty when it is not running or the host cannot take one. */
    public Optional<byte[]> screenshot(UUID id) {
        return queries.screenshot(rows.visible(id, ProjectRole.VIEWER));
    }

    /**
     * A sample of the VM's CPU time, memory, disk and network counters, or empty when it is not
     * running or its host does not answer.
     */
    public Optional<VmResourceStats> stats(UUID id) {
        return queries.stats(rows.visible(id, ProjectRole.VIEWER));
    }

    /** The VM's last observed state changes, newest first (kept in memory since the console started). */
    public List<VmStateLog.Change> stateChanges(UUID id) {
        rows.visible(id, ProjectRole.VIEWER);
        return stateLog.of(id);
    }

    /**
     * The audit entries about this VM (target "vm name" in its project since it was made), newest
     * first, or why the caller may not see them: the audit log is for administrators and project owners.
     */
    public VmAuditTrail auditTrail(UUID id) {
        return queries.auditTrail(rows.visible(id, ProjectRole.VIEWER));
    }

    /**
     * Starts a VM whose restart policy is ALWAYS and that stopped without a console action. Called
     * by the keeper, not by users; runs as the system.
     */
    Optional<VmOperation> restartByPolicy(UUID id, String why) {
        return lifecycle.restartByPolicy(id, why);
    }

    /** Removes the VM from its host with the disk made for it, and frees its quota. */
    @Override
    public VmOperation delete(UUID id) {
        return delete(id, ExpectedVersion.ANY);
    }

    /** {@link #delete(UUID)} only if the VM is still at the {@code expected} version, else the facade's refusal. */
    @Override
    public VmOperation delete(UUID id, ExpectedVersion expected) {
        return lifecycle.delete(rows.visible(id, ProjectRole.MEMBER), expected);
    }

    private VmOperation act(UUID id, String action, VmStatus desired, BiConsumer<VirtualMachine, Hypervisor> work) {
        return lifecycle.act(rows.visible(id, ProjectRole.MEMBER), action, desired, work);
    }
}
