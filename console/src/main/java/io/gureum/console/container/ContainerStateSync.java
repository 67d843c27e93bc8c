package io.gureum.console.container;

import io.gureum.console.system.JobLocks;
import io.gureum.console.host.HostEvents;
import io.gureum.console.host.HostService;
import io.gureum.console.workload.HostStateSync;
import io.gureum.console.workload.ObservedStates;
import io.gureum.console.host.HostSummary;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerEvent;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerState;
import io.gureum.container.HealthStatus;
import io.gureum.container.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.context.event.EventListener;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps container states true: engine events from every host as they happen, plus a periodic bulk
 * listing per host that catches missed events. A host that does not answer turns its containers
 * UNKNOWN. PROVISIONING, DELETING, ERROR and DELETED belong to their tasks and are left alone.
 */
@Component
class ContainerStateSync extends HostStateSync {

    private static final Logger log = LoggerFactory.getLogger(ContainerStateSync.class);
    private static final Set<ContainerStatus> OWNED_BY_TASKS = EnumSet.of(ContainerStatus.PROVISIONING,
            ContainerStatus.DELETING, ContainerStatus.ERROR, ContainerStatus.DELETED);
    private static final List<ContainerStatus> LIVE = List.of(ContainerStatus.RUNNING, ContainerStatus.PAUSED,
            ContainerStatus.STOPPED, ContainerStatus.EXITED, ContainerStatus.UNKNOWN);

    private final HostService hosts;
    private final ContainerRepository containers;
    private final TransactionTemplate transactions;
    private final ObservedStates<ManagedContainer, ContainerStatus> states;
    private final java.util.concurrent.ConcurrentMap<UUID, String> endedWhileProvisioning =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final ConcurrentMap<UUID, Watch> watches = new ConcurrentHashMap<>();

    ContainerStateSync(HostService hosts, ContainerRepository containers, TransactionTemplate transactions,
                       ApplicationEventPublisher events, Clock clock) {
        this.hosts = hosts;
        this.containers = containers;
        this.transactions = transactions;
        this.states = new ObservedStates<>(containers, transactions, events, clock, OWNED_BY_TASKS,
                ContainerStatus.UNKNOWN, ContainerEvents.ContainerStateChanged::new);
        this.clock = clock;
    }

    static ContainerStatus statusOf(ContainerState state) {
        return switch (state) {
            case RUNNING, RESTARTING -> ContainerStatus.RUNNING;
            case PAUSED -> ContainerStatus.PAUSED;
            case CREATED -> ContainerStatus.STOPPED;
            case EXITED, DEAD -> ContainerStatus.EXITED;
            case REMOVING, UNKNOWN -> ContainerStatus.UNKNOWN;
        };
    }

    static String reasonOf(ContainerInfo info) {
        if (info.state() == ContainerState.EXITED || info.state() == ContainerState.DEAD) {
            return "exited" + (info.exitCode() == null ? "" : " with code " + info.exitCode())
                    + (info.oomKilled() ? " (out of memory)" : "");
        }
        return info.state().name().toLowerCase();
    }

    static String healthText(HealthStatus health) {
        return health == null || health == HealthStatus.NONE ? null : health.name();
    }

    private record Watch(ContainerEngine engine, Subscription subscription) {
    }

    /**
     * The host monitor saw the engine answer again: states (and leftovers of creates that failed meanwhile) are
     * brought in line at once, not at the next resync. An engine that stops answering turns its containers
     * UNKNOWN at the next resync, whose listing fails; one slow answer to the monitor is no reason to.
     */
    @EventListener
    void engineAvailabilityChanged(HostEvents.EngineAvailabilityChanged changed) {
        if (changed.available()) {
            resyncHost(changed.hostId());
        }
    }

    /** Containers follow their engine, never libvirt: {@link #engineAvailabilityChanged} and the resync. */
    @Override
    protected boolean followsLibvirt() {
        return false;
    }

    @EventListener
    void hostRemoved(HostEvents.HostRemoved removed) {
        Watch watch = watches.remove(removed.hostId());
        if (watch != null) {
            watch.subscription().close();
        }
    }

    /** The periodic pass, on one console instance at a time; durations as the VMs' resync (VmStateSync). */
    @Scheduled(initialDelayString = "${gureum.containers.resync-interval:30s}", fixedDelayString = JobLocks.TICK)
    @SchedulerLock(name = "container-resync", lockAtLeastFor = "${gureum.containers.resync-interval:30s}",
            lockAtMostFor = "5m")
    void scheduledResync() {
        resyncAll();
    }

    /** One bulk listing per host with an engine. */
    @Override
    protected void resyncAll() {
        for (HostSummary host : hosts.forPlacement()) {
            if (host.containerEndpoint() != null) {
                resyncHost(host.id());
            }
        }
    }

    @Override
    protected void resyncHost(UUID hostId) {
        Optional<HostSummary> host = hosts.describe(hostId);
        if (host.isEmpty() || host.get().containerEndpoint() == null) {
            return;
        }
        List<io.gureum.container.ContainerSummary> listed;
        Instant listedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            ContainerEngine engine = hosts.engineOf(hostId);
            watch(hostId, engine);
            listed = engine.list();
        } catch (RuntimeException e) {
            unknownOnHost(hostId, "container engine does not answer: " + e.getMessage());
            return;
        }
        sweepLeftovers(hostId, listed);
        Map<String, ObservedStates.Observed<ContainerStatus>> byId = listed.stream().collect(Collectors.toMap(
                io.gureum.container.ContainerSummary::id,
                c -> new ObservedStates.Observed<>(statusOf(c.state()), c.status()), (a, b) -> a));
        // a container stopped through the console stays "stopped", not "exited"
        states.reconcile(containers.findAllByHostIdAndStateIn(hostId, LIVE), ManagedContainer::engineId, byId,
                "it is no longer on the engine (removed outside the console?)", listedAt,
                (container, seen) -> seen == ContainerStatus.EXITED && container.state() == ContainerStatus.STOPPED);
    }

    /**
     * Removes containers on the host that carry the label of a container row whose create failed (ERROR) or that
     * is deleted (DELETED): an engine that stalled mid-create (kill -STOP) may finish the create after the console
     * gave up and could not remove it, also after the user deleted the failed row. Only the labelled ids are looked
     * up, never every deleted row; a label no row of this console holds is another console's and left alone.
     */
    private void sweepLeftovers(UUID hostId, List<io.gureum.container.ContainerSummary> listed) {
        Map<UUID, io.gureum.container.ContainerSummary> byResource = new java.util.HashMap<>();
        for (io.gureum.container.ContainerSummary c : listed) {
            String resource = c.labels() == null ? null : c.labels().get(io.gureum.container.GureumLabels.RESOURCE_ID);
            if (resource != null) {
                try {
                    byResource.put(UUID.fromString(resource), c);
                } catch (IllegalArgumentException notOurs) {
                    // a label that is not a row id: not made by this console
                }
            }
        }
        if (byResource.isEmpty()) {
            return;
        }
        for (ManagedContainer failed : containers.findAllByIdInAndStateIn(byResource.keySet(),
                List.of(ContainerStatus.ERROR, ContainerStatus.DELETED))) {
            io.gureum.container.ContainerSummary leftover = byResource.get(failed.id());
            if (leftover != null) {
                log.info("removing container {} left on its engine by the failed create of {} ({})", leftover.name(),
                        failed.name(), failed.state().name().toLowerCase());
                try {
                    hosts.engineOf(hostId).remove(leftover.id(), true);
                } catch (RuntimeException e) {
                    log.debug("could not remove leftover container {}: {}", leftover.name(), e.getMessage());
                }
            }
        }
    }

    private void watch(UUID hostId, ContainerEngine engine) {
        Watch current = watches.get(hostId);
        if (current != null && current.engine() == engine && current.subscription().isOpen()) {
            return;
        }
        if (current != null) {
            current.subscription().close();
        }
        Subscription subscription = engine.events(this::applyEvent);
        watches.put(hostId, new Watch(engine, subscription));
    }

    void applyEvent(ContainerEvent event) {
        if (event.containerId() == null) {
            return;
        }
        Optional<ManagedContainer> found = containers.findFirstByEngineId(event.containerId())
                .or(() -> event.containerName() == null ? Optional.empty()
                        : containers.findByEngineName(event.containerName()));
        if (found.isEmpty()) {
            return;
        }
        ManagedContainer container = found.get();
        if (container.state() == ContainerStatus.PROVISIONING
                && (event.type() == ContainerEvent.Type.DIE || event.type() == ContainerEvent.Type.STOP)) {
            // Its create task records RUNNING when start returns and then asks for what ended meanwhile
            // (endedWhileProvisioning). Kept first, then the row read again: if the task recorded RUNNING in
            // between, the end is applied here, so it is never lost between the two.
            endedWhileProvisioning.put(container.id(), "exited" + (event.exitCode() == null ? ""
                    : " with code " + event.exitCode()));
            if (containers.findById(container.id()).map(c -> c.state() == ContainerStatus.PROVISIONING)
                    .orElse(true)) {
                return;
            }
            endedWhileProvisioning.remove(container.id());
            container = containers.findById(container.id()).orElseThrow();
        }
        switch (event.type()) {
            case START, UNPAUSE, RESTART -> set(container.id(), ContainerStatus.RUNNING, event.type().name()
                    .toLowerCase());
            case PAUSE -> set(container.id(), ContainerStatus.PAUSED, "paused");
            case STOP -> set(container.id(), ContainerStatus.STOPPED, "stopped");
            case DIE -> {
                if (container.state() != ContainerStatus.STOPPED) {
                    set(container.id(), ContainerStatus.EXITED, "exited"
                            + (event.exitCode() == null ? "" : " with code " + event.exitCode()));
                }
            }
            case REMOVE -> set(container.id(), ContainerStatus.UNKNOWN, "it was removed outside the console");
            case HEALTH -> setHealth(container.id(), healthText(event.health()));
            default -> {
            }
        }
    }

    /**
     * Called by the create task after it recorded the container RUNNING: applies an exit the engine reported while
     * the row was still PROVISIONING (a command that ends at once), so the row never keeps a state the engine denies.
     */
    void endedWhileProvisioning(UUID id) {
        String reason = endedWhileProvisioning.remove(id);
        if (reason != null) {
            set(id, ContainerStatus.EXITED, reason);
        }
    }

    @Override
    protected void unknownOnHost(UUID hostId, String reason) {
        states.unknownAll(containers.findAllByHostIdAndStateIn(hostId, LIVE), reason);
    }

    private void setHealth(UUID id, String health) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> containers.findById(id).ifPresent(c -> {
                    c.health(health, clock.instant().truncatedTo(ChronoUnit.MICROS));
                    containers.save(c);
                }));
                return;
            } catch (OptimisticLockingFailureException conflict) {
                // a task changed the row at the same moment: read it again
            } catch (RuntimeException e) {
                log.debug("could not record health {} of container {}: {}", health, id, e.getMessage());
                return;
            }
        }
    }

    private void set(UUID id, ContainerStatus status, String reason) {
        states.record(id, status, reason);
    }
}
