package io.gureum.console.host;

import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.libvirt.LibvirtHypervisor;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One long-lived driver connection per registered host, opened on first use. The only place in
 * the console that names the libvirt implementation; everything else sees the {@link Hypervisor} SPI.
 */
@Component
class HypervisorConnections implements DisposableBean {

    private final ConcurrentMap<UUID, Hypervisor> open = new ConcurrentHashMap<>();
    private final ConsoleSshIdentity ssh;

    HypervisorConnections(ConsoleSshIdentity ssh) {
        this.ssh = ssh;
    }

    /**
     * The host's connection; Unavailable (from the driver) when it cannot be opened now. An SSH host must present
     * the host key the console recorded when the host was registered.
     */
    Hypervisor forHost(UUID hostId, String uri) {
        return open.computeIfAbsent(hostId, id -> LibvirtHypervisor.open(LibvirtUris.effective(uri, ssh, false)));
    }

    /**
     * A separate connection for an admin's connection test or registration; the caller closes it. An SSH host met
     * for the first time has its host key recorded; a changed key is refused.
     */
    Hypervisor openOnce(String uri) {
        return LibvirtHypervisor.open(LibvirtUris.effective(uri, ssh, true));
    }

    /** Closes and forgets the host's connection (host removed, or its connection is broken). */
    void forget(UUID hostId) {
        Hypervisor hypervisor = open.remove(hostId);
        if (hypervisor != null) {
            hypervisor.close();
        }
    }

    @Override
    public void destroy() {
        open.keySet().forEach(this::forget);
    }
}
