package io.gureum.console.workload;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a kind (vm/, container/) tells the shared mechanics about its workloads. A capability written once in this
 * package asks the adapters of every kind; this package never names a kind's own classes.
 */
public interface WorkloadAdapter {

    WorkloadKind kind();

    /** The project's workloads of this kind that are not deleted, with host names resolved by {@code hostName}. */
    List<? extends WorkloadSummary> inProject(long projectId, Function<UUID, String> hostName);

    /**
     * Starts the workload again when its restart policy says "always", its owner wants it running and it stopped
     * without a console action ({@code why}); the name of the workload started, empty when the policy does not apply.
     */
    Optional<String> restartByPolicy(UUID id, String why);
}
