package io.gureum.console.workload;

import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskContext;
import io.gureum.console.task.TaskRequest;
import io.gureum.console.task.TaskService;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A kind's actions as tasks, written once for every kind: the request is published for the audit log, the work runs
 * as a task on the workload, and its end is published, ok or failed with the failure as the kind explains it.
 * Deleting is the same for every kind but for how the resource leaves its host. Authorization is the caller's: a
 * kind's service makes one and keeps it to itself.
 *
 * @param <E> the kind's entity
 * @param <S> the kind's state enum
 */
public final class WorkloadTasks<E extends WorkloadEntity<S>, S extends Enum<S> & WorkloadStatus> {

    /** The kind's "action requested" event. */
    @FunctionalInterface
    public interface Requested {
        Object of(UUID id, String name, Long projectId, String action, String detail);
    }

    /** The kind's "action finished" event. */
    @FunctionalInterface
    public interface Finished {
        Object of(UUID id, String name, Long projectId, String action, boolean ok, String detail);
    }

    /** A task's work on the workload; returns the detail its success is published with (null for none). */
    @FunctionalInterface
    public interface Work {
        String run(TaskContext context);
    }

    /** An accepted action: the workload as the caller is shown it and the task that carries the action out. */
    public record Started<R>(R workload, UUID taskId) {
    }

    private final WorkloadKind kind;
    private final WorkloadRows<E, S> rows;
    private final TaskService tasks;
    private final ApplicationEventPublisher events;
    private final Requested requested;
    private final Finished finished;
    private final BiFunction<String, String, ? extends RuntimeException> refused;
    private final UnaryOperator<RuntimeException> explained;

    /**
     * @param refused   the kind's validation error for a refused request, from the field (null for none) and message
     * @param explained the kind's failure with advice on what to do, from a failure of its host
     */
    public WorkloadTasks(WorkloadKind kind, WorkloadRows<E, S> rows, TaskService tasks,
                         ApplicationEventPublisher events, Requested requested, Finished finished,
                         BiFunction<String, String, ? extends RuntimeException> refused,
                         UnaryOperator<RuntimeException> explained) {
        this.kind = kind;
        this.rows = rows;
        this.tasks = tasks;
        this.events = events;
        this.requested = requested;
        this.finished = finished;
        this.refused = refused;
        this.explained = explained;
    }

    /**
     * Creates a workload: the row ({@code record}, given its owner, the caller) is recorded with {@code demand} of the
     * project's quota reserved, in one transaction, unless a live workload of the project holds the name; then
     * {@code work} runs as the create task. Refused, nothing is left behind.
     */
    public Started<E> create(long projectId, String name, ResourceAmounts demand, Predicate<String> nameTaken,
                             Function<String, E> record, String detail, Work work) {
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        E recorded = rows.recordNew(projectId, demand, () -> {
            if (nameTaken.test(name)) {
                throw refused.apply("name", "The project has a " + kind.noun() + " named '" + name + "' already.");
            }
            return record.apply(owner);
        });
        return new Started<>(recorded, submit(recorded, kind.targetType() + ".create", detail, work));
    }

    /** Publishes that the action was asked for, for an action done without a task. */
    public void requested(E row, String action, String detail) {
        events.publishEvent(requested.of(row.id(), row.name(), row.projectId(), action, detail));
    }

    /** Publishes the request and runs {@code work} as a task on the row's workload; returns the task's id. */
    public UUID submit(E row, String action, String detail, Work work) {
        requested(row, action, detail);
        return tasks.submit(new TaskRequest(action, kind.targetType(), row.id().toString(), row.name(),
                row.projectId()), context -> {
                    try {
                        String done = work.run(context);
                        finished(row, action, true, done);
                    } catch (RuntimeException e) {
                        finished(row, action, false, e.getMessage());
                        throw explained.apply(e);
                    }
                }).id();
    }

    /** The verb of an action ("start" of "vm.start"). */
    public String verb(String action) {
        return action.substring(kind.targetType().length() + 1);
    }

    /** Refuses the action when the workload has nothing on a host to act on. */
    public void requireOnHost(E row, boolean onHost, String action) {
        if (!onHost) {
            throw refused.apply(null, kind.label() + " " + row.name() + " is " + row.state().name().toLowerCase()
                    + " and has nothing on a host to " + verb(action) + ".");
        }
    }

    /**
     * Deletes the workload in a task: refused while it is provisioning or being deleted; DELETING at once, DELETED
     * once {@code removeFromHost} has removed {@code what} from its host (if it is on one), or back in the state it
     * had with why not.
     *
     * @param expected the version the caller means, compared when DELETING is written
     * @param shown reads the workload as the caller is shown it, before the task starts: on a fast host it can be
     *              DELETED (and invisible) by the time the task is submitted
     */
    public <R> Started<R> delete(E row, ExpectedVersion expected, Function<UUID, R> shown, boolean onHost,
                                 String what, Runnable removeFromHost) {
        S before = row.state();
        if (before == rows.state(WorkloadState.PROVISIONING) || before == rows.state(WorkloadState.DELETING)) {
            throw refused.apply(null, kind.label() + " " + row.name() + " is " + before.name().toLowerCase()
                    + ": wait until that ends, then delete it.");
        }
        UUID id = row.id();
        rows.change(id, expected, r -> r.observed(rows.state(WorkloadState.DELETING), "deleting", rows.now()));
        R deleting = shown.apply(id);
        UUID task = submit(row, kind.targetType() + ".delete", null, context -> {
            try {
                if (onHost && row.hostId() != null) {
                    context.step(what + " from host " + rows.hostName(row.hostId()));
                    removeFromHost.run();
                }
                rows.change(id, r -> r.observed(rows.state(WorkloadState.DELETED), "deleted", rows.now()));
            } catch (RuntimeException e) {
                rows.change(id, r -> r.observed(before, "delete failed: " + e.getMessage(), rows.now()));
                throw e;
            }
            return null;
        });
        return new Started<>(deleting, task);
    }

    private void finished(E row, String action, boolean ok, String detail) {
        events.publishEvent(finished.of(row.id(), row.name(), row.projectId(), action, ok, detail));
    }
}
