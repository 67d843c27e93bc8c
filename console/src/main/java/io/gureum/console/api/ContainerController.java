package io.gureum.console.api;

import io.gureum.console.container.ContainerLogLine;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerStatsSample;
import io.gureum.console.container.ContainerStatus;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.workload.WorkloadKind;
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
    ResponseEntity<Accepted<ContainerResource>> restart(@PathVariable UUID id) {
        return accepted(containers.restart(id));
    }

    /** The last {@code tail} lines of its output, oldest first. */
    @GetMapping("/{id}/logs")
    List<ContainerLogLine> logs(@PathVariable UUID id, @RequestParam(defaultValue = "100") int tail) {
        InvalidParameters.requireBetween("tail", tail, 1, MAX_LOG_LINES);
        return containers.logs(id, tail);
    }

    /** One sample of its resource use; 409 when it does not run. */
    @GetMapping("/{id}/stats")
    ContainerStatsSample stats(@PathVariable UUID id) {
        return containers.stats(id).orElseThrow(() -> new WrongState(
                "No statistics: the container is not running or its engine does not answer."));
    }
}
