package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadSummary;
import java.time.Instant;
import java.util.UUID;

/** A VM as views and other features see it. */
public record VmSummary(UUID id, String name, long projectId, String owner, UUID hostId, String hostName,
                        String imageId, int vcpus, long memoryMib, int diskGib, VmStatus state, String stateReason,
                        String errorMessage, RestartPolicy restartPolicy, VmStatus desiredState, Instant createdAt,
                        Instant updatedAt) implements WorkloadSummary {

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.VM;
    }
}
