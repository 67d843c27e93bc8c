package io.gureum.console.api;

import io.gureum.console.identity.GlobalRole;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.SshKeyService;
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
    private final SshKeyService sshKeys;

    MeController(IdentityService identity, ProjectService projects, SshKeyService sshKeys) {
        this.identity = identity;
        this.projects = projects;
        this.sshKeys = sshKeys;
    }

    @GetMapping("/api/v1/me/ssh-keys")
    @Operation(operationId = "listMySshKeys", summary = "List your own SSH public keys (their ids go into a VM "
            + "create from a cloud-init image)")
    List<SshKeyResource> sshKeys() {
        return sshKeys.mine().stream().map(k -> new SshKeyResource(k.id(), k.key().type(), k.key().bits(),
                k.key().fingerprint(), k.key().comment(), k.createdAt())).toList();
    }

    /** A public key of your profile; add and remove keys on the profile page. */
    record SshKeyResource(long id, String type, int bits, String fingerprint, String comment, Instant createdAt) {
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
