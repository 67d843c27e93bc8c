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

    /** The host's connection; Unavailable (from the driver) when it cannot be opened now. */
    Hypervisor forHost(UUID hostId, String uri) {
        return open.computeIfAbsent(hostId, id -> LibvirtHypervisor.open(uri));
    }

    /** A separate connection for a one-off check; the caller closes it. */
    Hypervisor openOnce(String uri) {
        return LibvirtHypervisor.open(uri);
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
