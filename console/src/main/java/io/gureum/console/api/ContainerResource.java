package io.gureum.console.api;

import io.gureum.console.container.ContainerSummary;
import java.time.Instant;
import java.util.UUID;

/**
 * A container as the API shows it: its own record, so that changes inside the console do not change the API.
 * {@code hostPort} is on 127.0.0.1 of its host.
 */
record ContainerResource(UUID id, String name, long projectId, String owner, UUID hostId, String hostName,
                         String engineId, String image, String command, double cpus, long memoryMib,
                         String restartPolicy, Integer containerPort, Integer hostPort, String state,
                         String stateReason, String errorMessage, String health, Instant createdAt,
                         Instant updatedAt) implements ApiWorkload {

    static ContainerResource of(ContainerSummary c) {
        return new ContainerResource(c.id(), c.name(), c.projectId(), c.owner(), c.hostId(), c.hostName(),
                c.engineId(), c.image(), c.command(), c.cpus(), c.memoryMib(), c.restartPolicy(), c.containerPort(),
                c.hostPort(), c.state().name(), c.stateReason(), c.errorMessage(), c.health(), c.createdAt(),
                c.updatedAt());
    }
}
