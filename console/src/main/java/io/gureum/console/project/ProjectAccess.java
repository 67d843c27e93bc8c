package io.gureum.console.project;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectEvents.AccessRefused;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides whether the caller may act in a project: administrators may do everything,
 * members as far as their {@link ProjectRole} reaches. Every service that touches a project's objects asks here.
 */
@Component
public class ProjectAccess {

    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private final ProjectMemberRepository members;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;

    ProjectAccess(ProjectMemberRepository members, IdentityService identity, ApplicationEventPublisher events) {
        this.members = members;
        this.identity = identity;
        this.events = events;
    }

    /**
     * Returns quietly when the caller holds at least {@code required} in the project (or is an administrator);
     * otherwise records the refusal and throws {@link AccessDeniedException}. Outsiders learn nothing about
     * the project, not even whether it exists.
     */
    @Transactional(readOnly = true)
    public void requireRole(long projectId, ProjectRole required) {
        if (isAdmin()) {
            return;
        }
        Optional<ProjectRole> role = roleOf(projectId);
        if (role.isPresent() && role.get().includes(required)) {
            return;
        }
        String why = role.map(held -> "holds " + held).orElse("not a member");
        events.publishEvent(new AccessRefused(projectId, required, why));
        throw new AccessDeniedException("You have no " + required.name().toLowerCase() + " access to project "
                + projectId + ".");
    }

    /** Throws {@link AccessDeniedException} unless the caller is an administrator. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new AccessDeniedException("Only administrators may do this.");
        }
    }

    /** The caller's own role in the project, if they are a member (administrators included). */
    @Transactional(readOnly = true)
    public Optional<ProjectRole> roleOf(long projectId) {
        return caller().flatMap(user -> members.findByProjectIdAndUserId(projectId, user.id()))
                .map(ProjectMember::role);
    }

    /** Ids of the projects in which the caller holds at least {@code role}. */
    @Transactional(readOnly = true)
    public Set<Long> projectsWhereCallerHolds(ProjectRole role) {
        return caller().map(user -> members.findByUserId(user.id()).stream()
                        .filter(member -> member.role().includes(role))
                        .map(ProjectMember::projectId)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    public boolean isAdmin() {
        Authentication authentication = authentication();
        return authentication.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
    }

    private Optional<UserSummary> caller() {
        return identity.findByUsername(authentication().getName()).filter(UserSummary::enabled);
    }

    private static Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("not signed in");
        }
        return authentication;
    }
}
