package io.gureum.console.workload;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the states a kind's hosts report, written once for every kind: the states its tasks own are left to
 * them, a row written after a bulk listing began is not overwritten by that listing, a resource gone from its
 * host and a host that does not answer turn the row UNKNOWN (never "stopped"), and a write that loses the
 * optimistic lock to a task reads the row again.
 *
 * @param <E> the kind's entity
 * @param <S> the kind's state enum
 */
public final class ObservedStates<E extends WorkloadEntity<S>, S extends Enum<S> & WorkloadStatus> {

    private static final Logger log = LoggerFactory.getLogger(ObservedStates.class);

    /** A state as a host reports it, with the reason shown next to it. */
    public record Observed<S>(S state, String reason) {
    }

    /** The event a kind publishes when a row's state changed. */
    @FunctionalInterface
    public interface ChangeEvent<S> {
        Object of(UUID id, long projectId, S before, S after, String reason);
    }

    private final CrudRepository<E, UUID> rows;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<S> ownedByTasks;
    private final S unknown;
    private final ChangeEvent<S> changeEvent;

    public ObservedStates(CrudRepository<E, UUID> rows, TransactionTemplate transactions,
                          ApplicationEventPublisher events, Clock clock, Set<S> ownedByTasks, S unknown,
                          ChangeEvent<S> changeEvent) {
        this.rows = rows;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.ownedByTasks = Set.copyOf(ownedByTasks);
        this.unknown = unknown;
        this.changeEvent = changeEvent;
    }

    /**
     * Brings a host's live rows in line with a listing taken at {@code listedAt}, keyed by the resource's id on the
     * host. Rows with no resource yet are skipped; a row the listing lacks turns UNKNOWN with {@code vanished}; a
     * row for which {@code keeps} holds keeps its state. Only rows whose state differs are written, each in its own
     * transaction (a quiet host of 1,000 resources costs one query, not 1,000 transactions).
     */
    public <K> void reconcile(Collection<E> live, Function<E, K> resourceKey, Map<K, Observed<S>> listed,
                              String vanished, Instant listedAt, BiPredicate<E, S> keeps) {
        for (E row : live) {
            K key = resourceKey.apply(row);
            if (key == null) {
                continue;
            }
            Observed<S> seen = listed.getOrDefault(key, new Observed<>(unknown, vanished));
            if (row.state() != seen.state() && !keeps.test(row, seen.state())) {
                record(row.id(), seen.state(), seen.reason(), listedAt);
            }
        }
    }

    /** The host does not answer: its live rows turn UNKNOWN with the reason. */
    public void unknownAll(Collection<E> live, String reason) {
        for (E row : live) {
            if (row.state() != unknown) {
                record(row.id(), unknown, reason);
            }
        }
    }

    /** Records a state as an event reported it. */
    public void record(UUID id, S state, String reason) {
        record(id, state, reason, null);
    }

    /** Records an observed state; with {@code listedAt}, only on a row not written since that listing. */
    public void record(UUID id, S state, String reason, Instant listedAt) {
        // A task may write the same row at the same moment: the loser of the version check retries.
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                Object changed = transactions.execute(tx -> {
                    E row = rows.findById(id).orElse(null);
                    if (row == null || ownedByTasks.contains(row.state()) || row.state() == state
                            || listedAt != null && row.updatedAt().isAfter(listedAt)) {
                        return null;
                    }
                    S before = row.state();
                    row.observed(state, reason, clock.instant().truncatedTo(ChronoUnit.MICROS));
                    rows.save(row);
                    return changeEvent.of(id, row.projectId(), before, state, reason);
                });
                if (changed != null) {
                    events.publishEvent(changed);
                }
                return;
            } catch (OptimisticLockingFailureException conflict) {
                log.debug("{} changed meanwhile; recording state {} again", id, state);
            } catch (RuntimeException e) {
                log.debug("could not record state {} of {}: {}", state, id, e.getMessage());
                return;
            }
        }
    }
}
