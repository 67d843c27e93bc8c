package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeRef;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

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

    static void undefine(Connect c, UUID id) throws LibvirtException {
        List<VolumeRef> volumes = Domains.with(c, id, d -> {
            if (Domains.isActive(d)) {
                throw new HypervisorException.WrongState("VM " + d.getName() + " is running; stop it before removing it");
            }
            List<VolumeRef> created = DomainXml.parse(d.getXMLDesc(0)).createdVolumes();
            d.undefine(UNDEFINE_MANAGED_SAVE | UNDEFINE_SNAPSHOTS_METADATA);
            return created;
        });
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
}
