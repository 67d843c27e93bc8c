package io.gureum.console.api;

import io.gureum.console.project.ProjectNotFoundException;
import io.gureum.console.workload.WorkloadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A project's workloads of both kinds through {@link WorkloadService}. */
@RestController
@Tag(name = "Workloads", description = "VMs and containers together")
class WorkloadController {

    private final WorkloadService workloads;

    WorkloadController(WorkloadService workloads) {
        this.workloads = workloads;
    }

    @GetMapping("/api/v1/projects/{id}/workloads")
    @Operation(summary = "List a project's VMs and containers together",
            description = "For the project's members (and administrators); for anyone else the project is 404.")
    List<WorkloadResource> list(@PathVariable long id) {
        try {
            return workloads.list(id).stream().map(WorkloadResource::of).toList();
        } catch (AccessDeniedException e) {
            // Listing needs only the viewer role, so a refusal means an outsider: who learns nothing, not even
            // that the project exists.
            throw new ProjectNotFoundException(id);
        }
    }
}
