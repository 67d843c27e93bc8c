package io.gureum.console.api;

import io.gureum.console.identity.GlobalRole;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account and memberships, through {@link IdentityService} and {@link ProjectService}. */
@RestController
@Tag(name = "Me", description = "The account the token belongs to")
class MeController {

    private final IdentityService identity;
    private final ProjectService projects;

    MeController(IdentityService identity, ProjectService projects) {
        this.identity = identity;
        this.projects = projects;
    }

    @GetMapping("/api/v1/me")
    @Operation(operationId = "getMe", summary = "Read your own account and the projects you are a member of")
    Me me() {
        UserSummary user = identity.currentUser();
        List<Membership> memberships = projects.visibleProjects().stream().filter(project -> project.myRole() != null)
                .map(project -> new Membership(project.id(), project.name(), project.myRole())).toList();
        return new Me(user.id(), user.username(), user.displayName(), user.roles().stream().sorted().toList(),
                user.createdAt(), memberships);
    }

    /** An account; {@code roles} holds ADMIN for administrators. */
    record Me(long id, String username, String displayName, List<GlobalRole> roles, Instant createdAt,
              List<Membership> projects) {
    }

    record Membership(long projectId, String name, ProjectRole role) {
    }
}
