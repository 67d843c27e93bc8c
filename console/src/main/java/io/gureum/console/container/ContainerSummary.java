package io.gureum.console.container;

import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadSummary;
import java.time.Instant;
import java.util.UUID;

/** A container as views and other features see it; hostPort is on 127.0.0.1 of the host. */
public record ContainerSummary(UUID id, String name, long projectId, String owner, UUID hostId, String hostName,
                               String engineId, String image, String command, double cpus, long memoryMib,
                               String restartPolicy, Integer containerPort, Integer hostPort, ContainerStatus state,
                               String stateReason, String errorMessage, String health, Instant createdAt,
                               Instant updatedAt) implements WorkloadSummary {

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.CONTAINER;
    }
}
