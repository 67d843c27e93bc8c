package io.gureum.console.host;

import io.gureum.console.system.Audited;
import java.util.UUID;

/** What happens to hosts, published for other features (audit, placement, views). */
public final class HostEvents {

    private HostEvents() {
    }

    /** A host was registered, by an admin or automatically on first start ({@code actor} "system"). */
    public record HostRegistered(UUID hostId, String name, String libvirtUri, boolean simulated, String actor) {
    }

    /** The observed status of a host changed, e.g. UP to UNREACHABLE. */
    public record HostStatusChanged(UUID hostId, String name, HostStatus from, HostStatus to, String message) {
    }

    /** The host's container engine started or stopped answering the host monitor ({@code message}: why not). */
    public record EngineAvailabilityChanged(UUID hostId, String name, boolean available, String message) {
    }

    /** An admin put a host into or out of maintenance. */
    public record HostMaintenanceChanged(UUID hostId, String name, boolean maintenance, String actor) {
    }

    /** An admin removed a host from the console (nothing on the host itself is touched). */
    public record HostRemoved(UUID hostId, String name, String actor) {
    }

    /** The console made ({@code did} "created") or started ("started") a host's storage pool for VM disks. */
    public record HostStoragePoolMade(UUID hostId, String name, String pool, String path, String did)
            implements Audited {
        public String action() { return "host.storage-pool-" + did; }
        public Long projectId() { return null; }
        public String target() { return "host " + name; }
        public String detail() { return "pool " + pool + " at " + path; }
    }
}
