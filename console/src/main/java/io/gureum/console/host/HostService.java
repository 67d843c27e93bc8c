package io.gureum.console.host;

import io.gureum.console.system.NameRule;
import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineException;
import io.gureum.container.UnavailableException;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.HostInfo;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The hosts feature's facade: register, check, observe and put hosts into maintenance. Admins only. */
@Service
public class HostService {

    private static final Logger log = LoggerFactory.getLogger(HostService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    /** The rule for host names, also shown next to the name field. */
    public static final NameRule NAME_RULE = new NameRule("host name", NAME,
            "1 to 63 lower-case letters, digits, '.' or '-', starting with a letter or digit");

    private final HostRepository hosts;
    private final HypervisorConnections connections;
    private final ConsoleSshIdentity ssh;
    private final EngineConnections engines;
    private final HostStorage storage;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HostService(HostRepository hosts, HypervisorConnections connections, ConsoleSshIdentity ssh,
                EngineConnections engines, HostStorage storage, ApplicationEventPublisher events,
                TransactionTemplate transactions, Clock clock) {
        this.hosts = hosts;
        this.connections = connections;
        this.ssh = ssh;
        this.engines = engines;
        this.storage = storage;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<HostSummary> list() {
        return hosts.findAllByOrderByNameAsc().stream().map(Host::summary).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public HostSummary get(UUID hostId) {
        return require(hostId).summary();
    }

    /** Opens a separate connection to the URI and says what the host answered, or why it did not. */
    @PreAuthorize("hasRole('ADMIN')")
    public ConnectionCheck testConnection(String libvirtUri) {
        String uri;
        try {
            uri = LibvirtUris.validate(libvirtUri);
        } catch (HostValidationException invalid) {
            return ConnectionCheck.failed(invalid.getMessage());
        }
        try (Hypervisor hypervisor = connections.openOnce(uri)) {
            return ConnectionCheck.ok(HostObserver.describe(hypervisor.hostInfo()) + hostKeyText(uri));
        } catch (HypervisorException e) {
            return ConnectionCheck.failed(unreachableMessage(uri, e));
        }
    }

    /**
     * The console's SSH public key, made on first need: an admin installs it in ~/.ssh/authorized_keys of the account
     * named in a host's qemu+ssh:// URI.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public String consoleSshPublicKey() {
        return ssh.publicKey();
    }

    /** The recorded SSH host key of the host of a qemu+ssh:// URI, if the console has met it. */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<String> sshHostKey(String libvirtUri) {
        java.net.URI uri = java.net.URI.create(libvirtUri);
        return "qemu+ssh".equals(uri.getScheme()) ? ssh.knownFingerprint(uri.getHost(), uri.getPort())
                : Optional.empty();
    }

    private String hostKeyText(String uri) {
        return sshHostKey(uri).map(key -> " SSH host key " + key + " is recorded: the console refuses a different one.")
                .orElse("");
    }

    /**
     * Registers a host after a successful connection test, so that a typo never becomes a host.
     * The domain type is the admin's choice, else KVM when the host offers it, else QEMU emulation.
     * The host's storage pool for VM disks (gureum.storage.pool-name at gureum.storage.pool-path) is made
     * right away, so that the host can take its first VM.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public HostSummary register(NewHost request) {
        return register(request, null, null);
    }

    /** {@link #register(NewHost)} with the host's VM disks in its own pool and directory instead of the configured ones. */
    @PreAuthorize("hasRole('ADMIN')")
    public HostSummary register(NewHost request, String poolName, java.nio.file.Path poolPath) {
        HostStorage.Place place;
        try {
            place = poolName == null && poolPath == null ? null : HostStorage.place(poolName, poolPath);
        } catch (IllegalArgumentException invalid) {
            throw new HostValidationException(invalid.getMessage());
        }
        String name = validateName(request.name());
        String uri = LibvirtUris.validate(request.libvirtUri());
        String endpoint = ContainerEndpoints.validate(request.containerEndpoint());
        if (endpoint != null) {
            try (ContainerEngine engine = engines.openOnce(endpoint)) {
                engine.info();
            } catch (EngineException e) {
                throw new HostValidationException("endpoint", "No container engine answers at " + endpoint + ": "
                        + e.getMessage());
            }
        }
        HostInfo info;
        try (Hypervisor hypervisor = connections.openOnce(uri)) {
            info = hypervisor.hostInfo();
        } catch (HypervisorException e) {
            throw new HostValidationException("uri", unreachableMessage(uri, e));
        }
        String chosen = request.domainType() == null ? "" : request.domainType().strip().toLowerCase(Locale.ROOT);
        String domainType;
        String reason;
        if (chosen.isEmpty()) {
            domainType = info.domainTypes().contains(DomainType.KVM) ? "KVM" : "QEMU";
            reason = domainType.equals("KVM") ? "the host offers KVM" : "the host offers no KVM: QEMU emulation";
        } else if (chosen.equals("kvm") || chosen.equals("qemu")) {
            domainType = chosen.toUpperCase(Locale.ROOT);
            reason = "chosen by an administrator";
            if (domainType.equals("KVM") && !info.domainTypes().contains(DomainType.KVM)) {
                throw new HostValidationException("domainType", "The host does not offer KVM (its capabilities list "
                        + info.domainTypes() + "): choose qemu, or enable hardware virtualization on the host.");
            }
        } else {
            throw new HostValidationException("domainType",
                    "Domain type must be kvm or qemu, or empty to let Gureum choose.");
        }
        boolean simulated = uri.startsWith("test:");
        return save(new Host(name, uri, endpoint, simulated, domainType, reason,
                place == null ? storage.defaultFor(simulated) : place, now()), actor());
    }

    /**
     * Every host with its status and capacity, for placement by other features' services (which
     * authorize their callers themselves; a placement failure explains each host).
     */
    public List<HostSummary> forPlacement() {
        return hosts.findAllByOrderByNameAsc().stream().map(Host::summary).toList();
    }

    /** A host's summary for other features' services (which authorize their callers themselves). */
    public Optional<HostSummary> describe(UUID hostId) {
        return hosts.findById(hostId).map(Host::summary);
    }

    /** The driver connection of a host, for other features' services; Unavailable when it cannot be reached. */
    public Hypervisor hypervisorOf(UUID hostId) {
        Host host = require(hostId);
        return connections.forHost(hostId, host.libvirtUri());
    }

    /**
     * The container engine of a host, for other features' services; UnavailableException (from the
     * driver) when nothing answers, IllegalStateException when the host has no engine endpoint.
     */
    public ContainerEngine engineOf(UUID hostId) {
        Host host = require(hostId);
        if (host.containerEndpoint() == null) {
            throw new IllegalStateException("Host " + host.summary().name() + " has no container engine.");
        }
        return engines.forHost(hostId, host.containerEndpoint());
    }

    /** Registration without a caller, for the local host on first start. */
    HostSummary registerAutomatically(String name, String uri, String endpoint, String domainType, String reason) {
        boolean simulated = uri.startsWith("test:");
        return save(new Host(name, uri, endpoint, simulated, domainType, reason, storage.defaultFor(simulated),
                now()), "system");
    }

    /**
     * The name of the host's storage pool for VM disks, made to exist and run now when it is missing or stopped;
     * for other features' services. IllegalStateException saying why when the host or its pool is not usable.
     */
    public String storagePoolOf(UUID hostId) {
        HostSummary host = observe(hostId);
        if (host.status() != HostStatus.UP) {
            throw new IllegalStateException("Host " + host.name() + " does not answer: " + host.statusMessage());
        }
        if (!host.storagePool().active()) {
            throw new IllegalStateException(host.storagePoolText());
        }
        return host.storagePool().name();
    }

    boolean anyRegistered() {
        return hosts.count() > 0;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public HostSummary setMaintenance(UUID hostId, boolean maintenance) {
        HostSummary changed = change(hostId, host -> host.setMaintenance(maintenance));
        events.publishEvent(new HostEvents.HostMaintenanceChanged(hostId, changed.name(), maintenance, actor()));
        return changed;
    }

    /** Forgets the host in the console; its domains and containers keep running untouched. */
    @PreAuthorize("hasRole('ADMIN')")
    public void remove(UUID hostId) {
        // The host monitor may record an observation of the same row meanwhile: the loser retries.
        Host host = retried(() -> {
            Host removed = require(hostId);
            hosts.delete(removed);
            return removed;
        });
        connections.forget(hostId);
        engines.forget(hostId);
        events.publishEvent(new HostEvents.HostRemoved(hostId, host.name(), actor()));
    }

    /** Asks the host now and records the answer. */
    @PreAuthorize("hasRole('ADMIN')")
    public HostSummary refresh(UUID hostId) {
        return observe(hostId);
    }

    /** The monitor's periodic pass over every host. */
    void refreshAll() {
        for (Host host : hosts.findAll()) {
            try {
                observe(host.id());
            } catch (ObjectOptimisticLockingFailureException changedMeanwhile) {
                log.debug("host {} changed while observing it; next pass", host.name());
            } catch (HostValidationException removedMeanwhile) {
                log.debug("host {} was removed while observing it", host.name());
            }
        }
    }

    private HostSummary observe(UUID hostId) {
        Host snapshot = require(hostId);
        Host.Observation seen = null;
        String failure = null;
        HostObserver.EngineFacts engine = observeEngine(hostId, snapshot.containerEndpoint());
        try {
            HostStorage.Place place = snapshot.storagePlace();
            seen = HostObserver.observe(connections.forHost(hostId, snapshot.libvirtUri()), engine,
                    (hypervisor, listed) -> storage.ensure(hostId, hypervisor, place, listed));
        } catch (HypervisorException e) {
            failure = unreachableMessage(snapshot.libvirtUri(), e);
            if (!(e instanceof HypervisorException.Unavailable)) {
                connections.forget(hostId);
            }
        }
        Host.Observation observation = seen;
        String why = failure;
        HostStatus before = snapshot.status();
        boolean engineBefore = snapshot.summary().engineProduct() != null;
        HostSummary after = change(hostId, host -> {
            if (observation != null) {
                host.observedUp(observation, now());
            } else {
                host.observedUnreachable(why, engine, now());
            }
        });
        if (observation != null && observation.storagePoolDid() != null) {
            events.publishEvent(new HostEvents.HostStoragePoolMade(hostId, after.name(), after.storagePool().name(),
                    after.storagePool().path(), observation.storagePoolDid()));
        }
        if (before != after.status()) {
            log.info("host {} is now {}{}", after.name(), after.status(), why == null ? "" : ": " + why);
            events.publishEvent(new HostEvents.HostStatusChanged(hostId, after.name(), before, after.status(), why));
        }
        boolean engineNow = after.engineProduct() != null;
        if (after.containerEndpoint() != null && engineBefore != engineNow) {
            log.info("container engine of host {} is now {}", after.name(), after.engineText());
            events.publishEvent(new HostEvents.EngineAvailabilityChanged(hostId, after.name(), engineNow,
                    after.engineMessage()));
        }
        return after;
    }

    private HostObserver.EngineFacts observeEngine(UUID hostId, String endpoint) {
        if (endpoint == null) {
            return HostObserver.EngineFacts.NONE;
        }
        try {
            return HostObserver.EngineFacts.of(engines.forHost(hostId, endpoint).version());
        } catch (EngineException e) {
            if (!(e instanceof UnavailableException)) {
                // A stalled or restarting engine keeps its client: open log streams resume when it answers again.
                engines.forget(hostId);
            }
            return HostObserver.EngineFacts.failed(e.getMessage());
        }
    }

    private HostSummary save(Host host, String actor) {
        HostSummary saved;
        try {
            saved = transactions.execute(tx -> {
                if (hosts.existsByName(host.name())) {
                    throw new HostValidationException("name", "A host named '" + host.name() + "' exists already.");
                }
                return hosts.saveAndFlush(host).summary();
            });
        } catch (DataIntegrityViolationException raced) {
            throw new HostValidationException("name", "A host named '" + host.name() + "' exists already.");
        }
        events.publishEvent(new HostEvents.HostRegistered(saved.id(), saved.name(), saved.libvirtUri(),
                saved.simulated(), actor));
        return observe(saved.id());
    }

    /**
     * Changes the host row in its own transaction. The monitor and an administrator may write the
     * same row at the same moment; the loser of the version check reads it again and re-applies.
     */
    private HostSummary change(UUID hostId, java.util.function.Consumer<Host> change) {
        return retried(() -> {
            Host host = require(hostId);
            change.accept(host);
            return hosts.save(host).summary();
        });
    }

    /** Runs {@code work} in a transaction, again (up to 5 times) when another writer changed the row first. */
    private <T> T retried(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(tx -> work.get());
            } catch (ObjectOptimisticLockingFailureException conflict) {
                if (attempt >= 5) {
                    throw conflict;
                }
            }
        }
    }

    /** Database timestamps keep microseconds; so do the values handed out. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Host require(UUID hostId) {
        return hosts.findById(hostId)
                .orElseThrow(() -> new HostNotFoundException(hostId));
    }

    private static String validateName(String name) {
        NAME_RULE.problem(name).ifPresent(problem -> {
            throw new HostValidationException("name", problem);
        });
        return name;
    }

    private String unreachableMessage(String uri, HypervisorException e) {
        String why = String.valueOf(e.getMessage());
        if (uri.startsWith("qemu+ssh") && why.contains("HOST KEY VERIFICATION FAILED")) {
            java.net.URI parsed = java.net.URI.create(uri);
            String where = parsed.getPort() < 0 ? parsed.getHost() : "[" + parsed.getHost() + "]:" + parsed.getPort();
            return "Refused: the SSH host key of " + where + " is not the one the console recorded ("
                    + ssh.knownFingerprint(parsed.getHost(), parsed.getPort()).orElse("see known_hosts")
                    + "). Either the host was reinstalled or someone is in between. If the host was reinstalled on "
                    + "purpose, compare its new key (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host), "
                    + "delete the line for " + where + " from " + ssh.knownHosts() + " and test the connection again.";
        }
        if (uri.startsWith("qemu+ssh") && why.contains("was not accepted")) {
            return "The console has not recorded the SSH host key of this host yet: test the connection in "
                    + "'Add host' to record it. (" + why + ")";
        }
        String hint = uri.startsWith("qemu+ssh")
                ? " Check that the console's SSH public key (Hosts page) is in ~/.ssh/authorized_keys of the URI's "
                + "account on the host and that libvirtd runs there."
                : uri.startsWith("qemu+tls")
                ? " Check the TLS certificates in /etc/pki and that libvirtd listens for TLS (port 16514)."
                : uri.startsWith("qemu:")
                ? " Start libvirtd on this server (src/host/setup.sh does, or 'libvirtd -d')."
                : "";
        return "No answer from " + uri + ": " + e.getMessage() + "." + hint;
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
