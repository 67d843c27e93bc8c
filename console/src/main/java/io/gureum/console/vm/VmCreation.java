package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.Echo;
import io.gureum.console.task.TaskContext;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.hypervisor.Hypervisor;
import java.util.List;
import java.util.UUID;

/**
 * Creating a VM for {@link VmService}: the request validated, the quota reserved and the row recorded
 * (PROVISIONING) in one transaction with the project's quota row locked, then a task that places, provisions and
 * starts it. Reached only through the facade.
 */
final class VmCreation {

    private final VirtualMachineRepository vms;
    private final WorkloadRows<VirtualMachine, VmStatus> rows;
    private final WorkloadTasks<VirtualMachine, VmStatus> runs;
    private final ProjectAccess access;
    private final ImageCatalog images;
    private final HostService hosts;
    private final Placement placement;
    private final VmProvisioner provisioner;
    private final VmLeftovers leftovers;
    private final List<String> networks;
    private final CloudInitSetup cloudInit;

    VmCreation(VirtualMachineRepository vms, WorkloadRows<VirtualMachine, VmStatus> rows,
               WorkloadTasks<VirtualMachine, VmStatus> runs, ProjectAccess access, ImageCatalog images,
               HostService hosts, Placement placement, VmProvisioner provisioner, VmLeftovers leftovers,
               List<String> networks, CloudInitSetup cloudInit) {
        this.cloudInit = cloudInit;
        this.vms = vms;
        this.rows = rows;
        this.runs = runs;
        this.access = access;
        this.images = images;
        this.hosts = hosts;
        this.placement = placement;
        this.provisioner = provisioner;
        this.leftovers = leftovers;
        this.networks = networks;
    }

    /**
     * Validates, reserves quota and records the VM (PROVISIONING) in one transaction, then provisions it in a task.
     * Refused requests leave nothing behind. Choosing the host by hand is for administrators; the quota
     * reservation checks the caller's role in the project.
     */
    VmOperation create(NewVm request) {
        String name = request.name();
        VmService.NAME_RULE.problem(name).ifPresent(problem -> {
            throw new VmValidationException("name", problem);
        });
        if (request.vcpus() < 1 || request.vcpus() > VmService.MAX_VCPUS) {
            throw new VmValidationException("vcpus", "A VM has 1 to " + VmService.MAX_VCPUS + " vCPUs, not "
                    + request.vcpus() + ".");
        }
        if (request.memoryMib() < VmService.MIN_MEMORY_MIB || request.memoryMib() > VmService.MAX_MEMORY_MIB) {
            throw new VmValidationException("memoryMib", "A VM has " + VmService.MIN_MEMORY_MIB + " to "
                    + VmService.MAX_MEMORY_MIB + " MiB of memory, not " + request.memoryMib() + ".");
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
                        + rows.hostName(image.onlyOnHost()) + ": VMs made from it run on that host only.");
            }
            wantedHost = image.onlyOnHost();
        }
        UUID placeOn = wantedHost;
        UUID id = UUID.randomUUID();
        // Checked before anything is recorded: a bad hostname, key, disk size or user data leaves nothing behind.
        CloudInitSetup.Prepared server = null;
        if (image.isCloudInit()) {
            server = cloudInit.prepare(id, name, image, request.cloudInit());
        } else if (request.cloudInit() != null && !request.cloudInit().isEmpty()) {
            throw new VmValidationException("image", "Image '" + image.name() + "' is not a cloud-init image: it "
                    + "takes no hostname, SSH keys, disk size or user data.");
        }
        CloudInitSetup.Prepared seed = server;
        int diskGib = seed == null ? image.diskGib() : seed.diskGib();
        var created = runs.create(request.projectId(), name, new ResourceAmounts(request.vcpus(),
                        request.memoryMib(), diskGib, 1, 0, 0, 0),
                taken -> vms.existsByProjectIdAndNameAndStateNot(request.projectId(), taken, VmStatus.DELETED),
                owner -> vms.save(new VirtualMachine(id, name, request.projectId(), owner, image.id(),
                        request.vcpus(), request.memoryMib(), diskGib, rows.now())),
                request.vcpus() + " vCPUs, " + request.memoryMib() + " MiB, image " + image.id() + ", network "
                        + network + (seed == null ? "" : ", cloud-init, disk " + diskGib + " GiB"),
                context -> provision(id, image, placeOn, network, seed, context));
        return new VmOperation(created.workload().summary(null), created.taskId());
    }

    /** Places, provisions and starts the VM; says on which host. A failure removes what was made. */
    private String provision(UUID id, BootImage image, UUID wantedHost, String network, CloudInitSetup.Prepared seed,
                             TaskContext context) {
        VirtualMachine vm = vms.findById(id).orElseThrow();
        UUID domain = null;
        HostSummary host = null;
        try {
            context.step("choose a host");
            host = placement.choose(vm.vcpus(), vm.memoryMib(), 1, wantedHost);
            UUID hostId = host.id();
            rows.change(id, v -> v.placed(hostId, rows.now()));
            Hypervisor hypervisor = hosts.hypervisorOf(host.id());
            domain = provisioner.provision(hypervisor, host, vm, image, network, seed, context);
            UUID domainUuid = domain;
            // Start returned, so the domain runs: no second read of it. Whatever happens to it from here on comes
            // as lifecycle events (and the periodic resync), which VmStateSync applies once the row is RUNNING.
            rows.change(id, v -> {
                v.defined(domainUuid, rows.now());
                v.observed(VmStatus.RUNNING, "started", rows.now());
            });
            return "on host " + host.name();
        } catch (RuntimeException e) {
            // By name as well: a host that stopped answering mid-create may hold a disk or domain not known here.
            String cleanup = host == null ? null : leftovers.afterFailedCreate(host, vm, domain);
            String message = cleanup == null || cleanup.startsWith("nothing") ? e.getMessage()
                    : e.getMessage() + " (" + cleanup + ")";
            rows.change(id, v -> v.failed(message, rows.now()));
            throw e;
        }
    }
}
