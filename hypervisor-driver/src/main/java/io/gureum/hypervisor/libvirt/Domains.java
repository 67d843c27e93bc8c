package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looking up domains (always freed after use) and reading them into {@link VmInfo}. */
final class Domains {

    /** Work on one looked-up domain. */
    @FunctionalInterface
    interface DomainWork<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    private Domains() {
    }

    static <T> T with(Connect c, UUID id, DomainWork<T> work) throws LibvirtException {
        Domain domain;
        try {
            domain = c.domainLookupByUUIDString(id.toString());
        } catch (LibvirtException e) {
            if (e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw new HypervisorException.NotFound("no VM with id " + id, e.getError().getCode().name(),
                        e.getError().getCode().ordinal(), null);
            }
            throw e;
        }
        try {
            return work.apply(domain);
        } finally {
            domain.free();
        }
    }

    static VmInfo read(Domain d) throws LibvirtException {
        NativeDomainState.StateAndReason state = NativeDomainState.of(d);
        DomainInfo info = d.getInfo();
        Optional<GureumMetadata> metadata = DomainXml.parse(d.getXMLDesc(0)).metadata();
        return new VmInfo(UUID.fromString(d.getUUIDString()), d.getName(), state.state(), state.reason(),
                info.nrVirtCpu, info.maxMem / 1024, Duration.ofNanos(info.cpuTime), d.isPersistent() == 1, metadata);
    }

    static Optional<VmInfo> findByName(Connect c, String name) throws LibvirtException {
        Domain d;
        try {
            d = c.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.of(read(d));
        } finally {
            d.free();
        }
    }

    /** One bulk listing (virConnectListAllDomains), then each domain is read and freed. */
    static List<VmInfo> listAll(Connect c) throws LibvirtException {
        Domain[] all = c.listAllDomains(0);
        List<VmInfo> result = new ArrayList<>(all.length);
        LibvirtException failure = null;
        for (Domain d : all) {
            try {
                result.add(read(d));
            } catch (LibvirtException e) {
                // A domain undefined between the listing and the read is simply gone.
                if (e.getError().getCode() != Error.ErrorNumber.VIR_ERR_NO_DOMAIN && failure == null) {
                    failure = e;
                }
            } finally {
                d.free();
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    static boolean isActive(Domain d) throws LibvirtException {
        return d.isActive() == 1;
    }
}
