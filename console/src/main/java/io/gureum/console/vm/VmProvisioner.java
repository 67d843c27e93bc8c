package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.task.TaskContext;
import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskSpec;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Graphics;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.NicSpec;
import io.gureum.hypervisor.SerialConsole;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmSpec;
import io.gureum.hypervisor.VolumeRef;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hypervisor side of a VM's life: base image on the host, copy-on-write disk, define, start,
 * and taking it all away again. Never copies a whole image; undoes what it made when a step fails.
 */
@Component
class VmProvisioner {

    private static final Logger log = LoggerFactory.getLogger(VmProvisioner.class);
    /** The pool of a real host when gureum.storage.pool-name is not set (each host records its own: HostSummary). */
    static final String POOL = "gureum";
    /** libvirt's test driver comes with this pool; simulated hosts use it. */
    static final String SIMULATED_POOL = "default-pool";
    static final String NETWORK = "default";

    private final HostService hosts;
    private final CloudInitSetup cloudInit;
    private final ConcurrentMap<String, Object> baseLocks = new ConcurrentHashMap<>();
    /**
     * Base images this process has found or imported on a host ("hostId/volume"): later creates skip the pool and
     * volume checks (about a dozen libvirt calls). When a define over a remembered base fails, the base is checked
     * again (and re-imported if it went away) and the define retried once.
     */
    private final java.util.Set<String> basesSeen = ConcurrentHashMap.newKeySet();

    VmProvisioner(HostService hosts, CloudInitSetup cloudInit) {
        this.hosts = hosts;
        this.cloudInit = cloudInit;
    }

    /** The seed volume of a VM from a cloud-init image: named after its domain, in the host's pool. */
    static VolumeRef seedVolume(HostSummary host, VirtualMachine vm) {
        return new VolumeRef(host.storagePool().name(), vm.domainName() + "-seed.iso");
    }

    /** Makes the VM run on the host with one NIC on {@code network}; returns its domain UUID. On failure nothing of it is left there. */
    UUID provision(Hypervisor hypervisor, HostSummary host, VirtualMachine vm, BootImage image, String network,
                   CloudInitSetup.Prepared server, TaskContext task) {
        task.step("prepare base image '" + image.name() + "' on host " + host.name(), 10);
        String seenKey = host.id() + "/base-" + image.id() + "." + image.format().id();
        boolean remembered = basesSeen.contains(seenKey);
        VolumeRef base = ensureBaseImage(hypervisor, host, image);
        VolumeRef seed = null;
        if (server != null) {
            task.step("upload the cloud-init seed to host " + host.name(), 20);
            seed = seedVolume(host, vm);
            if (host.simulated()) {
                // The test driver keeps no files and takes no uploads: a blank volume stands in for the seed.
                hypervisor.createVolume(seed, 366L * 1024, io.gureum.hypervisor.DiskFormat.RAW);
            } else {
                hypervisor.uploadVolume(seed, cloudInit.isoOf(server.seed()));
            }
        }
        try {
            return defineAndStart(hypervisor, host, vm, image, network, server, base, seed, remembered, seenKey, task);
        } catch (RuntimeException e) {
            if (seed != null) {
                deleteQuietly(hypervisor, seed); // a define that failed before taking the seed leaves it here
            }
            throw e;
        }
    }

    private UUID defineAndStart(Hypervisor hypervisor, HostSummary host, VirtualMachine vm, BootImage image,
                                String network, CloudInitSetup.Prepared server, VolumeRef base, VolumeRef seed,
                                boolean remembered, String seenKey, TaskContext task) {
        task.step("define the VM with a copy-on-write disk over the base image", 30);
        VmSpec.Builder builder = VmSpec.builder(vm.domainName())
                .vcpus(vm.vcpus())
                .memoryMib(vm.memoryMib())
                .disk(server == null ? DiskSpec.overlay(base, image.format())
                        : DiskSpec.overlay(base, image.format(), server.diskGib()));
        if (seed != null) {
            builder.disk(DiskSpec.seed(seed));
        }
        VmSpec spec = builder
                .boot(image.bootsFromDisk() ? BootSource.fromDisk()
                        : BootSource.directKernel(BootFile.catalogPath(image.kernel()), BootFile.catalogPath(image.initrd()),
                        image.cmdline() + " gureum.hostname=" + vm.name()))
                .nic(new NicSpec(network == null ? NETWORK : network, null))
                .graphics(Graphics.VNC_LOCALHOST)
                .serial(host.simulated() ? SerialConsole.PTY : SerialConsole.PTY_AND_LOG_FILE)
                .domainType(host.domainType().equals("KVM") ? DomainType.KVM : DomainType.QEMU)
                .metadata(new GureumMetadata(vm.id().toString(), Long.toString(vm.projectId())))
                .build();
        VmInfo defined;
        try {
            defined = hypervisor.define(spec);
        } catch (HypervisorException e) {
            if (!remembered) {
                throw e;
            }
            // The remembered base may have been removed or its pool stopped outside the console: check it, retry once.
            log.info("define of {} over remembered base {} failed ({}); checking the base again", vm.domainName(),
                    base, e.getMessage());
            basesSeen.remove(seenKey);
            ensureBaseImage(hypervisor, host, image);
            defined = hypervisor.define(spec);
        }

        task.step("start the VM", 60);
        try {
            hypervisor.start(defined.id());
        } catch (RuntimeException e) {
            removeQuietly(hypervisor, defined.id());
            throw e;
        }
        return defined.id(); // the task's end sets 100
    }

    /** Powers the domain off if needed and removes it with the disk made for it (never the base image). */
    void remove(Hypervisor hypervisor, UUID domain) {
        try {
            VmInfo info = hypervisor.info(domain);
            if (info.state().isActive()) {
                hypervisor.forceOff(domain);
            }
            hypervisor.undefine(domain);
        } catch (HypervisorException.NotFound alreadyGone) {
            log.debug("domain {} is gone already", domain);
        }
    }

    /**
     * Removes what a failed or interrupted create of {@code vm} made on the host: its domain (the one known,
     * else found by its unique name, only when its metadata names this VM) with its disk, and a disk made
     * before the domain was defined. Returns what was done, in words. Unavailable when the host does not answer.
     */
    String removeLeftovers(Hypervisor hypervisor, HostSummary host, VirtualMachine vm, UUID knownDomain) {
        java.util.Optional<UUID> domain = java.util.Optional.ofNullable(knownDomain)
                .or(() -> hypervisor.findByName(vm.domainName())
                        .filter(d -> d.metadata().map(m -> m.resourceId().equals(vm.id().toString())).orElse(false))
                        .map(VmInfo::id));
        domain.ifPresent(id -> remove(hypervisor, id));
        int disks = 0;
        try {
            for (var volume : hypervisor.listVolumes(host.simulated() ? SIMULATED_POOL : POOL)) {
                if (volume.ref().volume().startsWith(vm.domainName() + "-disk")
                        || volume.ref().volume().equals(vm.domainName() + "-seed.iso")) {
                    hypervisor.deleteVolume(volume.ref());
                    disks++;
                }
            }
        } catch (HypervisorException.NotFound noPool) {
            log.debug("no pool on host {}: no disk of {} to remove", host.name(), vm.domainName());
        }
        if (domain.isPresent()) {
            return "its domain and disk were removed from host " + host.name() + "."; // the domain's disk goes with it
        }
        return disks > 0 ? "its disk, made before its domain was defined, was removed from host " + host.name() + "."
                : "nothing of it was left on host " + host.name() + ".";
    }

    private static void deleteQuietly(Hypervisor hypervisor, VolumeRef volume) {
        try {
            hypervisor.deleteVolume(volume);
        } catch (HypervisorException.NotFound gone) {
            log.debug("seed {} went with its domain", volume);
        } catch (RuntimeException e) {
            log.warn("could not remove seed {} after a failure: {}", volume, e.getMessage());
        }
    }

    void removeQuietly(Hypervisor hypervisor, UUID domain) {
        try {
            remove(hypervisor, domain);
        } catch (RuntimeException e) {
            log.warn("could not remove domain {} after a failure: {}", domain, e.getMessage());
        }
    }

    /** Graceful shutdown with a timeout, then force-off (a guest may ignore ACPI). */
    void shutdown(Hypervisor hypervisor, UUID domain, Duration timeout) {
        hypervisor.shutdown(domain, timeout);
    }

    private VolumeRef ensureBaseImage(Hypervisor hypervisor, HostSummary host, BootImage image) {
        String pool = host.storagePool().name();
        if (image.hostVolume() != null) {
            // A volume that is on this host already (recorded by an administrator): the base as it is.
            VolumeRef existing = new VolumeRef(pool, image.hostVolume());
            try {
                hypervisor.volumeInfo(existing);
            } catch (HypervisorException.NotFound gone) {
                throw new IllegalStateException("Volume " + existing + " of image '" + image.name() + "' is no longer on host "
                        + host.name() + ".");
            }
            return existing;
        }
        VolumeRef base = new VolumeRef(pool, "base-" + image.id() + "." + image.format().id());
        // One import per host and image at a time: concurrent creates share the base.
        String key = host.id() + "/" + base.volume();
        if (basesSeen.contains(key)) {
            return base;
        }
        synchronized (baseLocks.computeIfAbsent(key, k -> new Object())) {
            if (basesSeen.contains(key)) {
                return base;
            }
            // The host feature made the pool at registration; a pool removed since is made again here.
            hosts.storagePoolOf(host.id());
            try {
                hypervisor.volumeInfo(base);
            } catch (HypervisorException.NotFound missing) {
                if (host.simulated()) {
                    // The test driver keeps no files: a blank volume stands in for the image.
                    hypervisor.createVolume(base, 64L << 20, image.format());
                } else {
                    hypervisor.importBaseImage(base, image.baseDisk(), image.format());
                }
            }
            basesSeen.add(key);
            return base;
        }
    }
}
