package io.gureum.console.api;

import io.gureum.console.project.MemberSummary;
import io.gureum.console.project.ProjectNotFoundException;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects, their members and quotas through {@link ProjectService} and {@link QuotaService}, which check every
 * call. A project the caller may not even read is answered as missing, so outsiders learn nothing of it.
 */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "Projects, their members, quotas and usage")
class ProjectController {

    private final ProjectService projects;
    private final QuotaService quotas;

    ProjectController(ProjectService projects, QuotaService quotas) {
        this.projects = projects;
        this.quotas = quotas;
    }

    @GetMapping
    @Operation(operationId = "listProjects", summary = "List the projects you can see (all for administrators)")
    Page<ProjectResource> list(@RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
                               @RequestParam(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        return Paging.of(projects.visibleProjects().stream().map(ProjectResource::of).toList(), limit, offset);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getProject", summary = "Read a project")
    ProjectResource get(@PathVariable long id) {
        return ProjectResource.of(visible(id));
    }

    @PostMapping
    @Operation(operationId = "createProject", summary = "Create a project, optionally naming its first owner",
            description = "Administrators only. The project starts with the configured default quota.")
    ResponseEntity<ProjectResource> create(@RequestBody NewProject request) {
        InvalidParameters.requireNoUnknownFields(request.unknownFields());
        ProjectResource created = ProjectResource.of(projects.create(request.name(), request.owner()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "renameProject", summary = "Rename a project", description = "Owners and administrators.")
    ProjectResource rename(@PathVariable long id, @RequestBody ProjectChange change) {
        visible(id);
        return ProjectResource.of(projects.rename(id, change.name()));
    }

    @PostMapping("/{id}/archive")
    @Operation(operationId = "archiveProject", summary = "Archive a project: it stays readable and changes no more",
            description = "Administrators only.")
    ProjectResource archive(@PathVariable long id) {
        return ProjectResource.of(projects.archive(id));
    }

    @GetMapping("/{id}/members")
    @Operation(operationId = "listProjectMembers", summary = "List a project's members and their roles")
    List<MemberSummary> members(@PathVariable long id) {
        visible(id);
        return projects.members(id);
    }

    @PostMapping("/{id}/members")
    @Operation(operationId = "addProjectMember", summary = "Add a user to a project with a role",
            description = "Owners and administrators.")
    ResponseEntity<MemberSummary> addMember(@PathVariable long id, @RequestBody NewMember request) {
        visible(id);
        MemberSummary added = projects.addMember(id, request.username(), required("role", request.role()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/members/" + added.userId()))
                .body(added);
    }

    @PutMapping("/{id}/members/{userId}")
    @Operation(operationId = "changeProjectMemberRole", summary = "Change a member's role",
            description = "Owners and administrators; a project keeps at least one owner.")
    ResponseEntity<Void> changeRole(@PathVariable long id, @PathVariable long userId,
                                    @RequestBody RoleChange change) {
        visible(id);
        projects.changeRole(id, userId, required("role", change.role()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/{userId}")
    @Operation(operationId = "removeProjectMember", summary = "Remove a member from a project",
            description = "Owners and administrators; a project keeps at least one owner.")
    ResponseEntity<Void> removeMember(@PathVariable long id, @PathVariable long userId) {
        visible(id);
        projects.removeMember(id, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/quota")
    @Operation(operationId = "getProjectQuota", summary = "Read a project's quota: limits, usage and what remains",
            description = "Usage counts resources still provisioning.")
    QuotaResource quota(@PathVariable long id) {
        visible(id);
        return new QuotaResource(quotas.limits(id), quotas.usage(id), quotas.remaining(id));
    }

    @PutMapping("/{id}/quota")
    @Operation(operationId = "setProjectQuota", summary = "Set a project's quota limits",
            description = "Administrators only. Every amount is required; a limit below the current usage is "
                    + "allowed and stops growth.")
    QuotaResource setQuota(@PathVariable long id, @RequestBody QuotaLimits limits) {
        quotas.setLimits(id, limits.amounts());
        return quota(id);
    }

    /** The project if the caller may read it; a refusal means an outsider, who gets the answer for a missing one. */
    private ProjectSummary visible(long id) {
        try {
            return projects.get(id);
        } catch (AccessDeniedException outsider) {
            throw new ProjectNotFoundException(id);
        }
    }

    private static ProjectRole required(String field, ProjectRole role) {
        if (role == null) {
            throw InvalidParameters.of(field, "Choose a role: " + List.of(ProjectRole.values()) + ".");
        }
        return role;
    }

    /** A project as the caller sees it; {@code myRole} is null for an administrator who is not a member. */
    record ProjectResource(long id, String name, boolean archived, Instant createdAt, ProjectRole myRole) {

        static ProjectResource of(ProjectSummary project) {
            return new ProjectResource(project.id(), project.name(), project.archived(), project.createdAt(),
                    project.myRole());
        }
    }

    /**
     * A new project; {@code owner} is the user name of its first owner, or absent. Unknown fields are refused like
     * a VM's or a container's, never ignored.
     */
    record NewProject(String name, String owner,
                      @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {
    }

    record ProjectChange(String name) {
    }

    record NewMember(String username, ProjectRole role) {
    }

    record RoleChange(ProjectRole role) {
    }

    /** A project's limits, what its resources use of them (including those still provisioning) and what is left. */
    record QuotaResource(ResourceAmounts limits, ResourceAmounts usage, ResourceAmounts remaining) {
    }

    /** New quota limits; every amount is required (0 forbids the resource). */
    record QuotaLimits(Integer vcpus, Long memoryMib, Integer diskGib, Integer vms, Integer containers,
                       Integer containerCpus, Long containerMemoryMib) {

        ResourceAmounts amounts() {
            List<Map<String, String>> missing = new java.util.ArrayList<>();
            Map<String, Object> given = new java.util.LinkedHashMap<>();
            given.put("vcpus", vcpus);
            given.put("memoryMib", memoryMib);
            given.put("diskGib", diskGib);
            given.put("vms", vms);
            given.put("containers", containers);
            given.put("containerCpus", containerCpus);
            given.put("containerMemoryMib", containerMemoryMib);
            given.forEach((field, value) -> {
                if (value == null) {
                    missing.add(Map.of("field", field, "message", "Required: a whole number, 0 or more."));
                }
            });
            if (!missing.isEmpty()) {
                throw new InvalidParameters(missing);
            }
            return new ResourceAmounts(vcpus, memoryMib, diskGib, vms, containers, containerCpus,
                    containerMemoryMib);
        }
    }
}
