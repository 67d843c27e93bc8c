package io.gureum.console.vm;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last {@link #KEPT} observed state changes of each VM, in memory only (a restart of the console
 * forgets them; the audit log keeps what users asked for). Read through {@link VmService#stateChanges}.
 */
@Component
class VmStateLog {

    static final int KEPT = 20;

    /** One change: "time: from → to (reason)". */
    public record Change(Instant at, VmStatus from, VmStatus to, String reason) {
    }

    private final Clock clock;
    private final ConcurrentMap<UUID, Deque<Change>> changes = new ConcurrentHashMap<>();

    VmStateLog(Clock clock) {
        this.clock = clock;
    }

    @EventListener
    void stateChanged(VmEvents.VmStateChanged changed) {
        record(changed.vmId(), new Change(clock.instant().truncatedTo(ChronoUnit.MILLIS), changed.from(), changed.to(),
                changed.reason()));
    }

    void record(UUID vmId, Change change) {
        Deque<Change> kept = changes.computeIfAbsent(vmId, id -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(change);
            while (kept.size() > KEPT) {
                kept.removeLast();
            }
        }
        if (change.to() == VmStatus.DELETED) {
            changes.remove(vmId);
        }
    }

    /** Newest first. */
    List<Change> of(UUID vmId) {
        Deque<Change> kept = changes.get(vmId);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    void forget(UUID vmId) {
        changes.remove(vmId);
    }
}
