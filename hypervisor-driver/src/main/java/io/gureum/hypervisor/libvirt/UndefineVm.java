package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeRef;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Undefines a stopped VM and removes exactly the volumes the driver recorded as created for it
 * in its metadata. Base images are never in that record, so they are never removed.
 */
final class UndefineVm {

    private static final int UNDEFINE_MANAGED_SAVE = 1;
    private static final int UNDEFINE_SNAPSHOTS_METADATA = 2;

    private UndefineVm() {
    }

    static void undefine(Connect c, UUID id, Path serialLogDir, boolean local) throws LibvirtException {
        DomainXml[] xml = new DomainXml[1];
        List<VolumeRef> volumes = Domains.with(c, id, d -> {
            if (Domains.isActive(d)) {
                throw new HypervisorException.WrongState("VM " + d.getName() + " is running; stop it before removing it");
            }
            xml[0] = DomainXml.parse(d.getXMLDesc(0));
            d.undefine(UNDEFINE_MANAGED_SAVE | UNDEFINE_SNAPSHOTS_METADATA);
            return xml[0].createdVolumes();
        });
        if (local && xml[0].metadata().isPresent()) {
            deleteSerialLog(xml[0], serialLogDir);
        }
        List<String> failures = new ArrayList<>();
        for (VolumeRef ref : volumes) {
            try {
                Storage.deleteVolume(c, ref);
            } catch (LibvirtException e) {
                if (e.getError().getCode() != Error.ErrorNumber.VIR_ERR_NO_STORAGE_VOL
                        && e.getError().getCode() != Error.ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                    failures.add(ref + ": " + e.getError().getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new HypervisorException("VM " + id + " was undefined but some of its volumes remain: " + failures);
        }
    }

    /** Only the driver's own log file of a managed VM, and only inside the driver's log directory. */
    private static void deleteSerialLog(DomainXml xml, Path serialLogDir) {
        xml.serialLogPath().map(p -> Path.of(p).normalize()).filter(p -> p.startsWith(serialLogDir.normalize()))
                .ifPresent(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException | SecurityException e) {
                        // not fatal: the console may lack the rights, and the log is only diagnostics
                    }
                });
    }
}
