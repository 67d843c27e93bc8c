package io.gureum.console.vm;

import io.gureum.console.system.JobLocks;
import io.gureum.console.host.HostEvents;
import io.gureum.console.host.HostService;
import io.gureum.console.workload.HostStateSync;
import io.gureum.console.workload.ObservedStates;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps VM states true: lifecycle events from every host as they happen, plus a periodic bulk
 * listing per host that catches missed events. A host that does not answer turns its VMs UNKNOWN,
 * never "stopped". PROVISIONING and DELETING belong to their tasks and are left alone.
 */
@Component
class VmStateSync extends HostStateSync {

    private static final Logger log = LoggerFactory.getLogger(VmStateSync.class);
    private static final Set<VmStatus> OWNED_BY_TASKS = EnumSet.of(VmStatus.PROVISIONING, VmStatus.DELETING,
            VmStatus.ERROR, VmStatus.DELETED);
    private static final List<VmStatus> LIVE = List.of(VmStatus.RUNNING, VmStatus.PAUSED, VmStatus.STOPPED,
            VmStatus.CRASHED, VmStatus.UNKNOWN);

    private final HostService hosts;
    private final VirtualMachineRepository vms;
    private final ObservedStates<VirtualMachine, VmStatus> states;
    private final Clock clock;
    private final ConcurrentMap<UUID, Watch> watches = new ConcurrentHashMap<>();
    private final VmLeftovers leftovers;

    VmStateSync(HostService hosts, VirtualMachineRepository vms, TransactionTemplate transactions,
                ApplicationEventPublisher events, Clock clock, VmLeftovers leftovers) {
        this.leftovers = leftovers;
        this.hosts = hosts;
        this.vms = vms;
        this.states = new ObservedStates<>(vms, transactions, events, clock, OWNED_BY_TASKS, VmStatus.UNKNOWN,
                VmEvents.VmStateChanged::new);
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

    /**
     * The periodic pass, on one console instance at a time: tried every tick, held at least the interval (one pass
     * per interval across instances; fail-over: system/JobLocks), at most 5 min (a pass listing many hosts, some
     * timing out; past that a second pass is harmless: a listing never overrides a newer row).
     */
    @Scheduled(initialDelayString = "${gureum.vms.resync-interval:30s}", fixedDelayString = JobLocks.TICK)
    @SchedulerLock(name = "vm-resync", lockAtLeastFor = "${gureum.vms.resync-interval:30s}", lockAtMostFor = "5m")
    void scheduledResync() {
        resyncAll();
    }

    /** One bulk listing per host. */
    @Override
    protected void resyncAll() {
        for (HostSummary host : hosts.forPlacement()) {
            resyncHost(host.id());
        }
    }

    @Override
    protected void resyncHost(UUID hostId) {
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
        Map<UUID, ObservedStates.Observed<VmStatus>> domains = listed.stream().collect(Collectors.toMap(VmInfo::id,
                d -> new ObservedStates.Observed<>(statusOf(d.state()), d.stateReason()), (a, b) -> a));
        states.reconcile(vms.findAllByHostIdAndStateIn(hostId, LIVE), VirtualMachine::domainUuid, domains,
                "its domain is no longer on the host (removed outside the console?)", listedAt, (vm, seen) -> false);
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
                applyEvent(hypervisor, event);
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

    /**
     * An event can be handled after a task recorded a newer state (a "started" of the create handled after a
     * force-off ended), so it only says when to look: what the host says now is recorded, and only on a row not
     * written since the host was asked. A domain the host no longer knows takes the event's word.
     */
    void applyEvent(Hypervisor hypervisor, VmEvent event) {
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
        vms.findByDomainUuid(event.vmId()).ifPresent(vm -> {
            if (event.type() == VmEvent.Type.UNDEFINED) {
                states.record(vm.id(), status, "its domain was removed outside the console", event.receivedAt());
                return;
            }
            String reason = event.type().name().toLowerCase() + (event.detail() == null ? "" : " (" + event.detail() + ")");
            Instant askedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            VmStatus now;
            try {
                VmInfo info = hypervisor.info(event.vmId());
                now = statusOf(info.state());
                if (now != status) {
                    reason = now.name().toLowerCase() + " (" + info.stateReason() + ")";
                }
            } catch (HypervisorException e) {
                log.debug("reading VM {} after its {} event: {}", vm.id(), event.type(), e.getMessage());
                states.record(vm.id(), status, reason, event.receivedAt());
                return;
            }
            states.record(vm.id(), now, reason, askedAt);
        });
    }

    @Override
    protected void unknownOnHost(UUID hostId, String reason) {
        states.unknownAll(vms.findAllByHostIdAndStateIn(hostId, LIVE), reason);
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
}
