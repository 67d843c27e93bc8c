package io.gureum.hypervisor.bench;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/**
 * The raw libvirt-java baseline of a host resync, for the console's scale benchmark: one bulk
 * {@code virConnectListAllDomains}, then per domain what any client needs to match a domain to its record
 * (UUID, name, state/vCPUs/memory from {@code virDomainGetInfo}) and, for {@link #listWithXml}, the domain XML
 * (where the console's ownership metadata lives). Plain Java types only, so console code can call it.
 */
public final class RawDomainListing implements AutoCloseable {

    private final Connect connect;

    private RawDomainListing(Connect connect) {
        this.connect = connect;
    }

    public static RawDomainListing open(String uri) {
        try {
            return new RawDomainListing(new Connect(uri));
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot open " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Bulk listing plus UUID, name and info of each domain; returns how many are running. */
    public int listWithInfo() {
        return list(false);
    }

    /** As {@link #listWithInfo} plus each domain's XML description (not parsed); returns how many are running. */
    public int listWithXml() {
        return list(true);
    }

    private int list(boolean xml) {
        try {
            int running = 0;
            long chars = 0;
            for (Domain d : connect.listAllDomains(0)) {
                try {
                    d.getUUIDString();
                    d.getName();
                    DomainInfo info = d.getInfo();
                    if (info.state == DomainInfo.DomainState.VIR_DOMAIN_RUNNING) {
                        running++;
                    }
                    if (xml) {
                        chars += d.getXMLDesc(0).length();
                    }
                } finally {
                    d.free();
                }
            }
            if (xml && chars == 0) {
                throw new IllegalStateException("no domain XML read");
            }
            return running;
        } catch (LibvirtException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connect.close();
        } catch (LibvirtException e) {
            // closing a test-driver connection cannot usefully fail
        }
    }
}
