package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.workload.ExpectedVersion;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerInfo;
import io.gureum.container.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A container's start, stop and restart, its restart by policy and its deletion for {@link ContainerService}, each
 * a task on its host's engine that records what the engine says afterwards. Reached only through the facade, which
 * checks the caller's role on the container it passes in.
 */
final class ContainerLifecycle {

    private final WorkloadRows<ManagedContainer, ContainerStatus> rows;
    private final WorkloadTasks<ManagedContainer, ContainerStatus> runs;
    private final HostService hosts;

    ContainerLifecycle(WorkloadRows<ManagedContainer, ContainerStatus> rows,
                       WorkloadTasks<ManagedContainer, ContainerStatus> runs, HostService hosts) {
        this.rows = rows;
        this.runs = runs;
        this.hosts = hosts;
    }

    /** Runs {@code work} on the container's engine in a task; records the state the owner wants first. */
    ContainerOperation act(ManagedContainer container, String action,
                           BiConsumer<ManagedContainer, ContainerEngine> work) {
        runs.requireOnHost(container, container.engineId() != null && container.hostId() != null
                && container.state() != ContainerStatus.DELETING, action);
        String verb = runs.verb(action);
        boolean stop = action.equals("container.stop");
        ContainerStatus desired = stop ? ContainerStatus.STOPPED : ContainerStatus.RUNNING;
        if (container.desiredState() != desired) {
            rows.change(container.id(), c -> c.desire(desired, rows.now()));
        }
        UUID task = runs.submit(container, action, null, context -> {
            context.step(verb + " on host " + rows.hostName(container.hostId()));
            ContainerEngine engine = hosts.engineOf(container.hostId());
            work.accept(container, engine);
            ContainerInfo info = engine.inspect(container.engineId());
            ContainerStatus status = stop && !info.running() ? ContainerStatus.STOPPED
                    : ContainerStateSync.statusOf(info.state());
            rows.observedAfterAction(container.id(), status, verb + " through the console");
            return null;
        });
        return new ContainerOperation(shown(container), task);
    }

    /**
     * Starts a container whose restart policy is "always" and that stopped without a console action (a
     * {@code podman stop} or {@code kill} on the host, which the engine's own policy does not undo). Called by the
     * keeper, not by users; runs as the system and is audited.
     */
    Optional<ContainerOperation> restartByPolicy(UUID id, String why) {
        ManagedContainer container = rows.find(id).orElse(null);
        if (container == null || !"always".equals(container.restartPolicy())
                || container.desiredState() != ContainerStatus.RUNNING || container.engineId() == null
                || container.hostId() == null
                || (container.state() != ContainerStatus.STOPPED && container.state() != ContainerStatus.EXITED)) {
            return Optional.empty();
        }
        UUID task = runs.submit(container, "container.restart-by-policy", why, context -> {
            context.step("start again on host " + rows.hostName(container.hostId()) + ": restart policy is always ("
                    + why + ")");
            ContainerEngine engine = hosts.engineOf(container.hostId());
            engine.start(container.engineId());
            ContainerStatus status = ContainerStateSync.statusOf(engine.inspect(container.engineId()).state());
            rows.observedAfterAction(id, status, "started again by its restart policy");
            return null;
        });
        return Optional.of(new ContainerOperation(shown(container), task));
    }

    /** Removes the container from its engine (stopping it) and frees its quota. */
    ContainerOperation delete(ManagedContainer container, ExpectedVersion expected) {
        var started = runs.delete(container, expected, id -> shown(rows.row(id)), container.engineId() != null,
                "remove the container", () -> {
                    try {
                        hosts.engineOf(container.hostId()).remove(container.engineId(), true);
                    } catch (NotFoundException gone) {
                        // removed outside the console already
                    }
                });
        return new ContainerOperation(started.workload(), started.taskId());
    }

    private ContainerSummary shown(ManagedContainer container) {
        return container.summary(rows.hostName(container.hostId()));
    }
}
