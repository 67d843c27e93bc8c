package io.gureum.console.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.gureum.console.identity.GlobalRole;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users through {@link IdentityService}, exactly what the console's Users page offers: list, create, disable,
 * enable, reset a password. The facade lets administrators only.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Console users and their global roles (administrators only)")
class UserController {

    private final IdentityService identity;

    UserController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping
    @Operation(operationId = "listUsers", summary = "List the users, by user name")
    List<UserResource> list() {
        return identity.listUsers().stream().map(UserResource::of).toList();
    }

    @PostMapping
    @Operation(operationId = "createUser", summary = "Create an enabled user",
            description = "The password must pass the console's password policy (as on the Users page); "
                    + "`admin` makes the user an administrator of the whole console.")
    ResponseEntity<UserResource> create(@RequestBody NewUserRequest request) {
        InvalidParameters.requireNoUnknownFields(request.unknownFields());
        UserResource created = UserResource.of(identity.createUser(request.username(), request.displayName(),
                request.password(), Boolean.TRUE.equals(request.admin())));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @PostMapping("/{id}/disable")
    @Operation(operationId = "disableUser", summary = "Disable a user",
            description = "They can no longer sign in, their sessions end and their API tokens stop working. "
                    + "Nobody disables their own account.")
    UserResource disable(@PathVariable long id) {
        return UserResource.of(identity.disable(id));
    }

    @PostMapping("/{id}/enable")
    @Operation(operationId = "enableUser", summary = "Enable a disabled user")
    UserResource enable(@PathVariable long id) {
        return UserResource.of(identity.enable(id));
    }

    @PostMapping("/{id}/password-reset")
    @Operation(operationId = "resetUserPassword", summary = "Give a user a generated password",
            description = "The answer holds the new password, once; the console keeps only its hash.")
    ResetPassword resetPassword(@PathVariable long id) {
        return new ResetPassword(identity.resetPassword(id));
    }

    /**
     * A new user, as the Users page's form: {@code displayName} empty for the user name, {@code admin} absent for
     * an ordinary user.
     */
    record NewUserRequest(String username, String displayName, String password, Boolean admin,
                          @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {
    }

    /** A user, never with a password or its hash. */
    record UserResource(long id, String username, String displayName, boolean enabled, Set<GlobalRole> roles,
                        Instant createdAt) {

        static UserResource of(UserSummary user) {
            return new UserResource(user.id(), user.username(), user.displayName(), user.enabled(), user.roles(),
                    user.createdAt());
        }
    }

    /** The generated password, shown only in this answer. */
    record ResetPassword(String password) {
    }
}
