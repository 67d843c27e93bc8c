package io.gureum.console.workload;

import io.gureum.console.task.TaskEvents;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a console restart, undoes what an interrupted task of one kind half-made, the same for every kind: an
 * interrupted create's resource is removed from its host (the kind says how) and the row ends in ERROR with its
 * quota freed; an interrupted delete leaves the row UNKNOWN for the resync to report and the user to delete again;
 * either way the action is recorded as failed.
 */
public abstract class InterruptedWorkloadTasks<E extends WorkloadEntity<S>, S extends Enum<S> & WorkloadStatus> {

    private final WorkloadKind kind;
    private final CrudRepository<E, UUID> rows;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    protected InterruptedWorkloadTasks(WorkloadKind kind, CrudRepository<E, UUID> rows,
                                       TransactionTemplate transactions, Clock clock,
                                       ApplicationEventPublisher events) {
        this.kind = kind;
        this.rows = rows;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    public void interrupted(TaskEvents.TaskInterrupted task) {
        if (!kind.targetType().equals(task.targetType())) {
            return;
        }
        Optional<E> found = rows.findById(UUID.fromString(task.targetId()));
        if (found.isEmpty()) {
            return;
        }
        E row = found.get();
        WorkloadState state = row.state().toWorkloadState();
        if (task.action().equals(kind.targetType() + ".create") && state == WorkloadState.PROVISIONING) {
            String cleanup = row.hostId() == null ? "nothing had been made on a host." : removeHalfMade(row);
            set(row.id(), true, "Interrupted by a console restart while provisioning; " + cleanup);
        } else if (state == WorkloadState.DELETING) {
            set(row.id(), false, "delete interrupted by a console restart: delete it again");
        }
        // The action failed: the audit log says so, as for any other failed action.
        events.publishEvent(actionFailed(row, task.action(), "interrupted by a console restart"));
    }

    /** Removes what the create made on the row's host; says what it did, or what an administrator must do. */
    protected abstract String removeHalfMade(E row);

    /** The kind's "action finished" event, not ok, with the detail. */
    protected abstract Object actionFailed(E row, String action, String detail);

    private void set(UUID id, boolean failed, String message) {
        transactions.executeWithoutResult(tx -> rows.findById(id).ifPresent(row -> {
            if (failed) {
                row.failed(message, clock.instant().truncatedTo(ChronoUnit.MICROS));
            } else {
                row.observed(WorkloadStatus.as(row.state(), WorkloadState.UNKNOWN), message,
                        clock.instant().truncatedTo(ChronoUnit.MICROS));
            }
            rows.save(row);
        }));
    }
}
