package io.gureum.console.workload;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The adapter of a kind whose workloads are rows of a {@link WorkloadEntity}: a project's workloads are its live rows
 * as summaries; the kind gives the query and its restart by policy.
 */
public abstract class WorkloadRowsAdapter<E extends WorkloadEntity<?>> implements WorkloadAdapter {

    private final WorkloadKind kind;
    private final LongFunction<List<E>> liveInProject;
    private final BiFunction<UUID, String, Optional<String>> restartByPolicy;

    /**
     * @param liveInProject   the project's rows that are not deleted, newest first
     * @param restartByPolicy see {@link WorkloadAdapter#restartByPolicy}
     */
    protected WorkloadRowsAdapter(WorkloadKind kind, LongFunction<List<E>> liveInProject,
                                  BiFunction<UUID, String, Optional<String>> restartByPolicy) {
        this.kind = kind;
        this.liveInProject = liveInProject;
        this.restartByPolicy = restartByPolicy;
    }

    @Override
    public WorkloadKind kind() {
        return kind;
    }

    @Override
    public List<WorkloadSummary> inProject(long projectId, Function<UUID, String> hostName) {
        return liveInProject.apply(projectId).stream().map(row -> row.summary(hostName.apply(row.hostId()))).toList();
    }

    @Override
    public Optional<String> restartByPolicy(UUID id, String why) {
        return restartByPolicy.apply(id, why);
    }
}
