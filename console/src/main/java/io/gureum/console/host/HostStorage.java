package io.gureum.console.host;

import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.PoolInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes the storage pool for a host's VM disks exist and run, through the driver SPI. Placement counts the
 * free space of this pool only, so a host without it can take no VM: the pool is made when the host is
 * registered, and again whenever the monitor finds it missing or stopped (deleted by hand, libvirtd's state
 * wiped). Idempotent; concurrent callers for one host are serialised.
 */
@Component
class HostStorage {

    private static final Logger log = LoggerFactory.getLogger(HostStorage.class);
    private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** libvirt's test driver comes with this directory pool. */
    static final Place SIMULATED = new Place("default-pool", Path.of("/default-pool"));
    /** The pool when nothing is configured (gureum.storage.pool-name and pool-path). */
    static final Place CONFIGURED_DEFAULT = new Place("gureum", Path.of("/var/lib/gureum/pools/default"));

    private final Place configured;
    private final ConcurrentMap<UUID, Object> locks = new ConcurrentHashMap<>();
    /** Hosts whose pool this process has checked to be the configured directory pool. */
    private final java.util.Set<UUID> verified = ConcurrentHashMap.newKeySet();
    /** The last problem said per host: the monitor retries every 15 s, the log says it once. */
    private final ConcurrentMap<UUID, String> lastProblem = new ConcurrentHashMap<>();

    HostStorage(@Value("${gureum.storage.pool-name:gureum}") String poolName,
                @Value("${gureum.storage.pool-path:/var/lib/gureum/pools/default}") Path poolPath) {
        this.configured = place(poolName, poolPath);
    }

    /** The pool a newly registered host gets: the configured one, or the test driver's own. */
    Place defaultFor(boolean simulated) {
        return simulated ? SIMULATED : configured;
    }

    /** A pool name and directory, checked: they come from the operator's configuration. */
    static Place place(String name, Path path) {
        if (name == null || !POOL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Storage pool name '" + name + "' is not valid: use 1-64 letters, "
                    + "digits, '_', '.' or '-' (gureum.storage.pool-name).");
        }
        if (path == null || !path.isAbsolute() || !path.normalize().equals(path)) {
            throw new IllegalArgumentException("Storage pool directory '" + path + "' must be an absolute, "
                    + "normalised path (gureum.storage.pool-path).");
        }
        return new Place(name, path);
    }

    /**
     * The host's pool after making it exist and run when {@code listed} (the host's pools from the same answer)
     * shows it missing or stopped, or when this process has not yet checked it on this host (an existing pool of
     * that name must be a directory pool at that path). Unavailable (host gone) propagates; any other failure
     * becomes the outcome's problem, with what to do.
     */
    Outcome ensure(UUID hostId, Hypervisor hypervisor, Place place, List<PoolInfo> listed) {
        Optional<PoolInfo> seen = listed.stream().filter(p -> p.name().equals(place.name())).findFirst();
        if (seen.isPresent() && seen.get().active() && verified.contains(hostId)) {
            return new Outcome(seen.get(), null, null); // the usual case: no further call
        }
        synchronized (locks.computeIfAbsent(hostId, id -> new Object())) {
            // Read again under the lock: another caller may have made or started it meanwhile.
            Optional<PoolInfo> now = current(hypervisor, place.name());
            String did = now.isEmpty() ? "created" : now.get().active() ? null : "started";
            try {
                // Also checks, once per host and process, that an existing pool is a directory pool at that path.
                PoolInfo made = hypervisor.ensureDirectoryPool(place.name(), place.path());
                verified.add(hostId);
                lastProblem.remove(hostId);
                if (did != null) {
                    log.info("Storage pool {} at {} on {}: {} by the console.", place.name(), place.path(),
                            hypervisor.uri(), did);
                }
                return new Outcome(made, did, null);
            } catch (HypervisorException.Unavailable gone) {
                throw gone;
            } catch (HypervisorException e) {
                verified.remove(hostId);
                // Another console instance may have defined it at the same moment: then it is there now.
                if (!(e instanceof HypervisorException.Conflict)) {
                    Optional<PoolInfo> again = current(hypervisor, place.name());
                    if (again.isPresent() && again.get().active()) {
                        return new Outcome(again.get(), null, null);
                    }
                }
                String problem = e.getMessage() + ". " + advice(e, place);
                if (!problem.equals(lastProblem.put(hostId, problem))) {
                    log.warn("Storage pool {} at {} on {} could not be {}: {}", place.name(), place.path(),
                            hypervisor.uri(), did == null ? "used" : did, problem);
                }
                return new Outcome(null, null, problem);
            }
        }
    }

    private static Optional<PoolInfo> current(Hypervisor hypervisor, String name) {
        try {
            return Optional.of(hypervisor.poolInfo(name));
        } catch (HypervisorException.NotFound missing) {
            return Optional.empty();
        }
    }

    private static String advice(HypervisorException e, Place place) {
        if (e instanceof HypervisorException.Conflict) {
            return "A pool of that name exists on the host with another type or directory: remove it there "
                    + "('virsh pool-destroy " + place.name() + "; virsh pool-undefine " + place.name() + "') or set "
                    + "gureum.storage.pool-name to another name.";
        }
        return "Check that libvirtd on the host can create and use the directory " + place.path()
                + " (free space, permissions), or set gureum.storage.pool-path; the console tries again at the next "
                + "host check.";
    }

    /** A pool name and its directory on the host. */
    record Place(String name, Path path) {
    }

    /**
     * What the host has of the pool: the pool (null when it could not be made), what the console did to it now
     * ("created", "started" or null), and why it could not be made (or null).
     */
    record Outcome(PoolInfo pool, String did, String problem) {
    }
}
