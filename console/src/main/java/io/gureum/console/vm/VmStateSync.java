package io.gureum.console.vm;

import io.gureum.console.host.HostEvents;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.HypervisorListener;
import io.gureum.hypervisor.StateSnapshot;
import io.gureum.hypervisor.Subscription;
import io.gureum.hypervisor.VmEvent;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmState;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps VM states true: lifecycle events from every host as they happen, plus a periodic bulk
 * listing per host that catches missed events. A host that does not answer turns its VMs UNKNOWN,
 * never "stopped". PROVISIONING and DELETING belong to their tasks and are left alone.
 */
@Component
class VmStateSync {

    private static final Logger log = LoggerFactory.getLogger(VmStateSync.class);
    private static final Set<VmStatus> OWNED_BY_TASKS = EnumSet.of(VmStatus.PROVISIONING, VmStatus.DELETING,
            VmStatus.ERROR, VmStatus.DELETED);
    private static final List<VmStatus> LIVE = List.of(VmStatus.RUNNING, VmStatus.PAUSED, VmStatus.STOPPED,
            VmStatus.CRASHED, VmStatus.UNKNOWN);

    private final HostService hosts;
    private final VirtualMachineRepository vms;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ConcurrentMap<UUID, Watch> watches = new ConcurrentHashMap<>();
    private final VmLeftovers leftovers;

    VmStateSync(HostService hosts, VirtualMachineRepository vms, TransactionTemplate transactions,
                ApplicationEventPublisher events, Clock clock, VmLeftovers leftovers) {
        this.leftovers = leftovers;
        this.hosts = hosts;
        this.vms = vms;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    static VmStatus statusOf(VmState state) {
        return switch (state) {
            case RUNNING, BLOCKED, SHUTTING_DOWN -> VmStatus.RUNNING;
            case PAUSED, PM_SUSPENDED -> VmStatus.PAUSED;
            case SHUT_OFF -> VmStatus.STOPPED;
            case CRASHED -> VmStatus.CRASHED;
            case NO_STATE -> VmStatus.UNKNOWN;
        };
    }

    private record Watch(Hypervisor hypervisor, Subscription subscription) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void watchAllHosts() {
        resyncAll();
    }

    @EventListener
    void hostRegistered(HostEvents.HostRegistered registered) {
        resyncHost(registered.hostId());
    }

    @EventListener
    void hostStatusChanged(HostEvents.HostStatusChanged changed) {
        if (changed.to() == HostStatus.UNREACHABLE) {
            unknownOnHost(changed.hostId(), "host " + changed.name() + " does not answer");
        } else if (changed.to() == HostStatus.UP) {
            resyncHost(changed.hostId());
        }
    }

    /** The periodic pass: one bulk listing per host. */
    @Scheduled(initialDelayString = "${gureum.vms.resync-interval:30s}", fixedDelayString = "${gureum.vms.resync-interval:30s}")
    void resyncAll() {
        for (HostSummary host : hosts.forPlacement()) {
            resyncHost(host.id());
        }
    }

    void resyncHost(UUID hostId) {
        Hypervisor hypervisor;
        StateSnapshot snapshot;
        Instant listedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            hypervisor = hosts.hypervisorOf(hostId);
            watch(hostId, hypervisor);
            snapshot = hypervisor.snapshot();
        } catch (HypervisorException e) {
            unknownOnHost(hostId, "host does not answer: " + e.getMessage());
            return;
        } catch (RuntimeException noSuchHost) {
            return;
        }
        reconcile(hostId, snapshot.vms(), listedAt);
        try {
            leftovers.sweep(hostId, hypervisor, snapshot.vms());
        } catch (RuntimeException e) {
            log.debug("sweeping leftovers of failed creates on host {}: {}", hostId, e.getMessage());
        }
    }

    /**
     * Brings the host's live rows in line with a listing taken at {@code listedAt}. A row written after that
     * moment (an event recorded while the listing was under way) is newer than the listing and is left alone:
     * the next resync looks again.
     */
    void reconcile(UUID hostId, List<VmInfo> listed, Instant listedAt) {
        Map<UUID, VmInfo> domains = listed.stream().collect(Collectors.toMap(VmInfo::id, Function.identity(),
                (a, b) -> a));
        // One read of the host's live rows; only rows whose state differs are written (each in its own
        // transaction, re-read there). A quiet host of 1,000 domains costs one query, not 1,000 transactions.
        for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(hostId, LIVE)) {
            if (vm.domainUuid() == null) {
                continue;
            }
            VmInfo domain = domains.get(vm.domainUuid());
            if (domain == null) {
                if (vm.state() != VmStatus.UNKNOWN) {
                    set(vm.id(), VmStatus.UNKNOWN, "its domain is no longer on the host (removed outside the console?)",
                            listedAt);
                }
            } else if (vm.state() != statusOf(domain.state())) {
                set(vm.id(), statusOf(domain.state()), domain.stateReason(), listedAt);
            }
        }
    }

    private void watch(UUID hostId, Hypervisor hypervisor) {
        Watch current = watches.get(hostId);
        if (current != null && current.hypervisor() == hypervisor) {
            return;
        }
        if (current != null) {
            current.subscription().close();
        }
        Subscription subscription = hypervisor.subscribe(new HypervisorListener() {
            @Override
            public void onVmEvent(VmEvent event) {
                applyEvent(event);
            }

            @Override
            public void onConnectionLost(String reason) {
                unknownOnHost(hostId, "lost the connection to the host: " + reason);
            }

            @Override
            public void onConnectionRestored() {
                resyncHost(hostId);
            }
        });
        watches.put(hostId, new Watch(hypervisor, subscription));
    }

    private void applyEvent(VmEvent event) {
        VmStatus status = switch (event.type()) {
            case STARTED, RESUMED -> VmStatus.RUNNING;
            case SUSPENDED, PM_SUSPENDED -> VmStatus.PAUSED;
            case STOPPED, SHUTDOWN -> VmStatus.STOPPED;
            case CRASHED -> VmStatus.CRASHED;
            case UNDEFINED -> VmStatus.UNKNOWN;
            case DEFINED, UNKNOWN -> null;
        };
        if (status == null) {
            return;
        }
        vms.findByDomainUuid(event.vmId()).ifPresent(vm -> set(vm.id(), status,
                event.type() == VmEvent.Type.UNDEFINED ? "its domain was removed outside the console"
                        : event.type().name().toLowerCase() + (event.detail() == null ? "" : " (" + event.detail() + ")")));
    }

    private void unknownOnHost(UUID hostId, String reason) {
        for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(hostId, LIVE)) {
            if (vm.state() != VmStatus.UNKNOWN) {
                set(vm.id(), VmStatus.UNKNOWN, reason);
            }
        }
    }

    /** A removed host's event subscription is closed (its connection is closed too). */
    @EventListener
    void hostRemoved(HostEvents.HostRemoved removed) {
        Watch watch = watches.remove(removed.hostId());
        if (watch != null) {
            try {
                watch.subscription().close();
            } catch (RuntimeException closedAlready) {
                log.debug("subscription of removed host {}: {}", removed.name(), closedAlready.getMessage());
            }
        }
    }

    private void set(UUID vmId, VmStatus status, String reason) {
        set(vmId, status, reason, null);
    }

    /** Records an observed state; with {@code listedAt}, only on a row not written since that listing. */
    private void set(UUID vmId, VmStatus status, String reason, Instant listedAt) {
        // A task may write the same row at the same moment: the loser of the version check retries.
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                VmEvents.VmStateChanged changed = transactions.execute(tx -> {
                    VirtualMachine vm = vms.findById(vmId).orElse(null);
                    if (vm == null || OWNED_BY_TASKS.contains(vm.state()) || vm.state() == status
                            || listedAt != null && vm.updatedAt().isAfter(listedAt)) {
                        return null;
                    }
                    VmStatus before = vm.state();
                    vm.observed(status, reason, clock.instant().truncatedTo(ChronoUnit.MICROS));
                    vms.save(vm);
                    return new VmEvents.VmStateChanged(vmId, vm.projectId(), before, status, reason);
                });
                if (changed != null) {
                    events.publishEvent(changed);
                }
                return;
            } catch (OptimisticLockingFailureException conflict) {
                log.debug("VM {} changed meanwhile; recording state {} again", vmId, status);
            } catch (RuntimeException e) {
                log.debug("could not record state {} of VM {}: {}", status, vmId, e.getMessage());
                return;
            }
        }
    }
}
