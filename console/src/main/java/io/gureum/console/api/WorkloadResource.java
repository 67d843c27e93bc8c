package io.gureum.console.api;

import io.gureum.console.workload.WorkloadSummary;
import java.time.Instant;
import java.util.UUID;

/**
 * A workload of either kind: {@code state} is the kind's own state, {@code workloadState} the shared one that
 * means the same for both kinds.
 */
record WorkloadResource(String kind, UUID id, String name, long projectId, String owner, UUID hostId,
                        String hostName, String state, String workloadState, String stateReason, String errorMessage,
                        Instant createdAt, Instant updatedAt) {

    static WorkloadResource of(WorkloadSummary workload) {
        return new WorkloadResource(workload.kind().name(), workload.id(), workload.name(), workload.projectId(),
                workload.owner(), workload.hostId(), workload.hostName(), workload.state().name(),
                workload.workloadState().name(), workload.stateReason(), workload.errorMessage(),
                workload.createdAt(), workload.updatedAt());
    }
}
