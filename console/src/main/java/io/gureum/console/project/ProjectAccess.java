package io.gureum.console.project;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.TokenAuthentication;
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
 * A request signed in with an API token ({@link TokenAuthentication}) gets no more than its user has now, narrowed
 * by the token: a read-only token is at most a viewer (administrators included), and a token limited to projects is
 * an outsider of every other project and has no administrator rights (it acts through its user's memberships).
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
        Optional<TokenAuthentication> token = token();
        if (isAdmin() && token.filter(TokenAuthentication::readOnly).isEmpty()) {
            return;
        }
        Optional<ProjectRole> role = isAdmin() ? Optional.of(ProjectRole.VIEWER) : roleOf(projectId);
        if (role.isPresent() && role.get().includes(required)) {
            return;
        }
        String why = role.map(held -> "holds " + held).orElse("not a member")
                + token.map(t -> " through API token " + t.tokenName() + " (" + t.scope()
                        + (t.limitedToProjects() ? ", projects " + t.projectIds() : "") + ")").orElse("");
        events.publishEvent(new AccessRefused(projectId, required, why));
        if (role.isPresent() && token.filter(TokenAuthentication::readOnly).isPresent()) {
            throw new AccessDeniedException("The API token " + token.get().tokenName() + " is read-only.");
        }
        throw new AccessDeniedException("You have no " + required.name().toLowerCase() + " access to project "
                + projectId + ".");
    }

    /** Throws {@link AccessDeniedException} unless the caller is an administrator. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new AccessDeniedException("Only administrators may do this.");
        }
    }

    /**
     * The caller's own role in the project, if they are a member (administrators included), as far as the caller's
     * API token lets it reach: none outside a limited token's projects, at most viewer through a read-only token.
     */
    @Transactional(readOnly = true)
    public Optional<ProjectRole> roleOf(long projectId) {
        Optional<TokenAuthentication> token = token();
        if (token.isPresent() && !token.get().reaches(projectId)) {
            return Optional.empty();
        }
        return caller().flatMap(user -> members.findByProjectIdAndUserId(projectId, user.id()))
                .map(ProjectMember::role).map(role -> capped(role, token));
    }

    /** Ids of the projects in which the caller holds at least {@code role} (through their API token, if any). */
    @Transactional(readOnly = true)
    public Set<Long> projectsWhereCallerHolds(ProjectRole role) {
        Optional<TokenAuthentication> token = token();
        return caller().map(user -> members.findByUserId(user.id()).stream()
                        .filter(member -> token.map(t -> t.reaches(member.projectId())).orElse(true))
                        .filter(member -> capped(member.role(), token).includes(role))
                        .map(ProjectMember::projectId)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /**
     * Whether the caller has administrator rights: a token limited to projects has none (it is an outsider of
     * every other project). A read-only token of an administrator reads as one; {@link #requireRole} and the
     * read-only guard refuse its changes.
     */
    public boolean isAdmin() {
        Authentication authentication = authentication();
        if (authentication instanceof TokenAuthentication token && token.limitedToProjects()) {
            return false;
        }
        return authentication.getAuthorities().stream().anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
    }

    /** True unless the caller is signed in with an API token limited to other projects (null: no project). */
    public boolean reaches(Long projectId) {
        return projectId == null || token().map(t -> t.reaches(projectId)).orElse(true);
    }

    private static ProjectRole capped(ProjectRole role, Optional<TokenAuthentication> token) {
        return token.filter(TokenAuthentication::readOnly).isPresent() ? ProjectRole.VIEWER : role;
    }

    private static Optional<TokenAuthentication> token() {
        return authentication() instanceof TokenAuthentication token ? Optional.of(token) : Optional.empty();
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
