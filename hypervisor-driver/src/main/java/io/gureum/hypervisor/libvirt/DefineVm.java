package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DiskSpec;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmSpec;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VmState;
import io.gureum.hypervisor.VolumeRef;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Defines a VM: creates its volumes, writes the domain XML, defines it; undoes the volumes on failure. */
final class DefineVm {

    private static final Logger log = LoggerFactory.getLogger(DefineVm.class);
    private static final long GIB = 1024L * 1024 * 1024;

    private final Path serialLogDir;

    DefineVm(Path serialLogDir) {
        this.serialLogDir = serialLogDir;
    }

    /** Where the driver puts a VM's serial log: its own directory, named by the VM's UUID. */
    Path serialLogOf(UUID id) {
        return serialLogDir.resolve("gureum-" + id + "-serial.log");
    }

    VmInfo define(Connect c, VmSpec spec) throws LibvirtException {
        requireNameFree(c, spec.name());
        UUID id = UUID.randomUUID();
        List<VolumeRef> created = new ArrayList<>();
        try {
            List<DomainXmlWriter.Disk> disks = new ArrayList<>();
            for (int i = 0; i < spec.disks().size(); i++) {
                DiskSpec disk = spec.disks().get(i);
                String dev = "vd" + (char) ('a' + i);
                switch (disk) {
                    case DiskSpec.Overlay o -> {
                        VolumeRef ref = new VolumeRef(o.base().pool(), volumeName(spec, i, DiskFormat.QCOW2));
                        Storage.createOverlay(c, ref, o.base(), o.baseFormat(), o.sizeGiB() * GIB);
                        created.add(ref);
                        disks.add(new DomainXmlWriter.Disk(ref, DiskFormat.QCOW2, dev));
                    }
                    case DiskSpec.Seed seed -> {
                        VolumeInfo info = Storage.volumeInfo(c, seed.volume());
                        if (info.format() != DiskFormat.RAW || info.backingPath().isPresent()) {
                            throw new HypervisorException.InvalidSpec("seed volume " + seed.volume()
                                    + " must be a raw volume without a backing store");
                        }
                        // Recorded as the VM's own, so that undefine removes the seed with the disks.
                        created.add(seed.volume());
                        disks.add(new DomainXmlWriter.Disk(seed.volume(), DiskFormat.RAW, dev, true));
                    }
                    case DiskSpec.Empty e -> {
                        VolumeRef ref = new VolumeRef(e.pool(), volumeName(spec, i, e.format()));
                        Storage.createVolume(c, ref, e.sizeGiB() * GIB, e.format());
                        created.add(ref);
                        disks.add(new DomainXmlWriter.Disk(ref, e.format(), dev));
                    }
                }
            }
            DomainXmlWriter.Kernel kernel = null;
            if (spec.boot() instanceof BootSource.DirectKernel k) {
                kernel = new DomainXmlWriter.Kernel(resolve(c, k.kernel()), k.initrd() == null ? null : resolve(c, k.initrd()), k.cmdline());
            }
            String xml = DomainXmlWriter.write(spec, id, disks, kernel, serialLogOf(id), created);
            c.domainDefineXML(xml).free();
            // Not read back (four more round trips to libvirtd and an XML parse on every create): a domain just
            // defined under a fresh UUID and a free name is exactly the spec, inactive.
            return new VmInfo(id, spec.name(), VmState.SHUT_OFF, "unknown", spec.vcpus(), spec.memoryMib(),
                    Duration.ZERO, true, Optional.ofNullable(spec.metadata()));
        } catch (LibvirtException | RuntimeException e) {
            for (VolumeRef ref : created) {
                try {
                    Storage.deleteVolume(c, ref);
                } catch (LibvirtException | RuntimeException cleanup) {
                    log.warn("could not remove volume {} after failed define of {}: {}", ref, spec.name(), cleanup.getMessage());
                }
            }
            throw e;
        }
    }

    private static String volumeName(VmSpec spec, int index, DiskFormat format) {
        return spec.name() + "-disk" + index + "." + format.id();
    }

    private static void requireNameFree(Connect c, String name) throws LibvirtException {
        try {
            Domain existing = c.domainLookupByName(name);
            existing.free();
        } catch (LibvirtException e) {
            if (e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return;
            }
            throw e;
        }
        throw new HypervisorException.Conflict("a VM named '" + name + "' already exists");
    }

    private static String resolve(Connect c, BootFile file) throws LibvirtException {
        return switch (file) {
            case BootFile.CatalogPath p -> p.path().toString();
            case BootFile.Volume v -> {
                StorageVol vol = Storage.lookup(c, v.ref());
                try {
                    yield vol.getPath();
                } finally {
                    vol.free();
                }
            }
        };
    }
}
