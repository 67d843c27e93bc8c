package io.gureum.console.api;

import io.gureum.console.container.ContainerLogLine;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerStatsSample;
import io.gureum.console.container.ContainerStatus;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.workload.WorkloadKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Containers through {@link ContainerService}, which checks the caller's role on every call: the endpoints every
 * workload has ({@link WorkloadEndpoints}) and the container's own: restart, logs and statistics. Its restart policy
 * is the engine's, fixed at creation (as in the console's pages).
 */
@RestController
@RequestMapping("/api/v1/containers")
@Tag(name = "Containers", description = "Containers: create, act on, read and delete them in your projects")
class ContainerController
        extends WorkloadEndpoints<ContainerResource, NewContainerRequest, ContainerSummary, ContainerStatus> {

    static final int MAX_LOG_LINES = 10_000;

    private final ContainerService containers;

    ContainerController(ContainerService containers, IdempotencyKeys idempotency) {
        super(WorkloadKind.CONTAINER, ContainerResource.class, ContainerStatus.class, containers,
                ContainerResource::of, request -> containers.create(request.toNewContainer()), idempotency);
        this.containers = containers;
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a container: 202 with the task")
    ResponseEntity<Accepted<ContainerResource>> restart(@PathVariable UUID id) {
        return accepted(containers.restart(id));
    }

    /** The last {@code tail} lines of its output, oldest first. */
    @GetMapping("/{id}/logs")
    @Operation(summary = "Read the last lines of a container's output, oldest first",
            description = "`tail`: 1 to 10,000 lines.")
    List<ContainerLogLine> logs(@PathVariable UUID id, @RequestParam(defaultValue = "100") int tail) {
        InvalidParameters.requireBetween("tail", tail, 1, MAX_LOG_LINES);
        return containers.logs(id, tail);
    }

    /** One sample of its resource use; 409 when it does not run. */
    @GetMapping("/{id}/stats")
    @Operation(summary = "Read one sample of a running container's resource use",
            description = "409 when it does not run or its engine does not answer.")
    ContainerStatsSample stats(@PathVariable UUID id) {
        return containers.stats(id).orElseThrow(() -> new WrongState(
                "No statistics: the container is not running or its engine does not answer."));
    }
}
