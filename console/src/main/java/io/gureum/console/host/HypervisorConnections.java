package io.gureum.console.host;

import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.libvirt.LibvirtHypervisor;
import io.gureum.hypervisor.libvirt.LibvirtOptions;
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
        return open.computeIfAbsent(hostId, id -> open(LibvirtUris.effective(uri, ssh, false)));
    }

    /**
     * Over libvirt 9.0's libssh transport, calls that overlapped a stream (image upload, serial console) on the same
     * connection crashed the JVM inside libvirt's RPC client in the tests: such connections get one worker, so at
     * least the driver's own calls, uploads included, never overlap (a serial console session still can: see
     * docs/operations.md, "Adding a remote host").
     */
    private static Hypervisor open(String uri) {
        LibvirtOptions defaults = LibvirtOptions.of(uri);
        if (!uri.startsWith("qemu+libssh:")) {
            return LibvirtHypervisor.open(defaults);
        }
        return LibvirtHypervisor.open(new LibvirtOptions(defaults.uri(), 1, defaults.callTimeout(),
                defaults.reconnectMin(), defaults.reconnectMax(), defaults.serialLogDir()));
    }

    /**
     * A separate connection for an admin's connection test or registration; the caller closes it. An SSH host met
     * for the first time has its host key recorded; a changed key is refused.
     */
    Hypervisor openOnce(String uri) {
        return open(LibvirtUris.effective(uri, ssh, true));
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
