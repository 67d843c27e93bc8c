package io.gureum.console.project;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectEvents.MemberAdded;
import io.gureum.console.project.ProjectEvents.MemberRemoved;
import io.gureum.console.project.ProjectEvents.MemberRoleChanged;
import io.gureum.console.project.ProjectEvents.ProjectArchived;
import io.gureum.console.project.ProjectEvents.ProjectCreated;
import io.gureum.console.project.ProjectEvents.ProjectRenamed;
import io.gureum.console.system.Echo;
import io.gureum.console.system.NameRule;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The project feature's facade: projects and their members. Every method checks the caller's role. */
@Service
public class ProjectService {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");
    /** The rule for project names, also shown next to the name fields. */
    public static final NameRule NAME_RULE = new NameRule("project name", NAME,
            "1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");

    private final ProjectRepository projects;
    private final ProjectMemberRepository members;
    private final ProjectAccess access;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectService(ProjectRepository projects, ProjectMemberRepository members, ProjectAccess access,
                   IdentityService identity, ApplicationEventPublisher events, Clock clock) {
        this.projects = projects;
        this.members = members;
        this.access = access;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    /** Administrators create projects, optionally naming the first owner. */
    @Transactional
    public ProjectSummary create(String name, String ownerUsername) {
        access.requireAdmin();
        String valid = validName(name);
        if (projects.existsByName(valid)) {
            throw new ProjectValidationException("name", "A project named '" + valid
                    + "' exists: choose another name.");
        }
        UserSummary owner = ownerUsername == null || ownerUsername.isBlank() ? null : user("owner", ownerUsername);
        Project project = projects.save(new Project(valid, clock.instant()));
        events.publishEvent(new ProjectCreated(project.id(), valid, owner == null ? null : owner.username()));
        if (owner != null) {
            members.save(new ProjectMember(project.id(), owner.id(), ProjectRole.OWNER));
            events.publishEvent(new MemberAdded(project.id(), owner.username(), ProjectRole.OWNER));
        }
        return project.summary(access.roleOf(project.id()).orElse(null));
    }

    /** Administrators create a project with themselves as owner (the create dialogs' "create a project" path). */
    @Transactional
    public ProjectSummary createOwnedByCaller(String name) {
        access.requireAdmin();
        String caller = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication().getName();
        return create(name, identity.findByUsername(caller).isPresent() ? caller : null);
    }

    /**
     * The first start's project with the first administrator as owner; nothing when any project exists. No caller
     * check: it runs at start-up, inside the transaction that creates the first administrator, before anyone can
     * log in.
     */
    @Transactional
    java.util.Optional<ProjectSummary> createFirstProject(String name, long ownerId, String ownerUsername) {
        if (projects.count() > 0) {
            return java.util.Optional.empty();
        }
        String valid = validName(name);
        Project project = projects.save(new Project(valid, clock.instant()));
        events.publishEvent(new ProjectCreated(project.id(), valid, ownerUsername));
        members.save(new ProjectMember(project.id(), ownerId, ProjectRole.OWNER));
        events.publishEvent(new MemberAdded(project.id(), ownerUsername, ProjectRole.OWNER));
        return java.util.Optional.of(project.summary(ProjectRole.OWNER));
    }

    /**
     * Non-archived projects the caller may create VMs and containers in: all of them for administrators,
     * otherwise those where the caller is at least a member. The create dialogs offer these.
     */
    @Transactional(readOnly = true)
    public List<ProjectSummary> projectsToCreateIn() {
        boolean admin = access.isAdmin();
        return visibleProjects().stream()
                .filter(p -> !p.archived() && (admin || p.myRole() != null && p.myRole().includes(ProjectRole.MEMBER)))
                .toList();
    }

    /** The projects the caller may see: all for administrators, otherwise those they are a member of. */
    @Transactional(readOnly = true)
    public List<ProjectSummary> visibleProjects() {
        List<Project> visible = access.isAdmin() ? projects.findAllByOrderByNameAsc()
                : projects.findByIdInOrderByNameAsc(access.projectsWhereCallerHolds(ProjectRole.VIEWER));
        return visible.stream().map(project -> project.summary(access.roleOf(project.id()).orElse(null))).toList();
    }

    /** One project, for its viewers. */
    @Transactional(readOnly = true)
    public ProjectSummary get(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER);
        return project(projectId).summary(access.roleOf(projectId).orElse(null));
    }

    /** Owners and administrators rename a project. */
    @Transactional
    public ProjectSummary rename(long projectId, String newName) {
        access.requireRole(projectId, ProjectRole.OWNER);
        Project project = changeable(projectId);
        String valid = validName(newName);
        if (valid.equals(project.name())) {
            return project.summary(access.roleOf(projectId).orElse(null));
        }
        if (projects.existsByName(valid)) {
            throw new ProjectValidationException("name", "A project named '" + valid
                    + "' exists: choose another name.");
        }
        String old = project.name();
        project.rename(valid);
        events.publishEvent(new ProjectRenamed(projectId, old, valid));
        return project.summary(access.roleOf(projectId).orElse(null));
    }

    /** Administrators archive a project; it stays readable and changes no more. */
    @Transactional
    public ProjectSummary archive(long projectId) {
        access.requireAdmin();
        Project project = project(projectId);
        if (!project.archived()) {
            project.archive();
            events.publishEvent(new ProjectArchived(projectId, project.name()));
        }
        return project.summary(access.roleOf(projectId).orElse(null));
    }

    /** The members of a project, for its viewers. */
    @Transactional(readOnly = true)
    public List<MemberSummary> members(long projectId) {
        access.requireRole(projectId, ProjectRole.VIEWER);
        project(projectId);
        return members.findByProjectId(projectId).stream()
                .map(member -> identity.findById(member.userId())
                        .map(user -> new MemberSummary(user.id(), user.username(), user.displayName(), member.role())))
                .flatMap(java.util.Optional::stream)
                .sorted(Comparator.comparing(MemberSummary::username))
                .toList();
    }

    /** Owners add a user to the project with a role. */
    @Transactional
    public MemberSummary addMember(long projectId, String username, ProjectRole role) {
        access.requireRole(projectId, ProjectRole.OWNER);
        changeable(projectId);
        UserSummary user = user("username", username == null ? "" : username);
        if (members.findByProjectIdAndUserId(projectId, user.id()).isPresent()) {
            throw new ProjectValidationException("username", user.username()
                    + " is already a member: change their role instead.");
        }
        members.save(new ProjectMember(projectId, user.id(), role));
        events.publishEvent(new MemberAdded(projectId, user.username(), role));
        return new MemberSummary(user.id(), user.username(), user.displayName(), role);
    }

    /** Owners change a member's role; the last owner stays an owner. */
    @Transactional
    public void changeRole(long projectId, long userId, ProjectRole role) {
        access.requireRole(projectId, ProjectRole.OWNER);
        changeable(projectId);
        ProjectMember member = member(projectId, userId);
        ProjectRole before = member.role();
        if (before == role) {
            return;
        }
        if (before == ProjectRole.OWNER) {
            keepAnOwner(projectId);
        }
        member.changeRole(role);
        events.publishEvent(new MemberRoleChanged(projectId, username(userId), before, role));
    }

    /** Owners remove a member; the last owner cannot be removed. */
    @Transactional
    public void removeMember(long projectId, long userId) {
        access.requireRole(projectId, ProjectRole.OWNER);
        changeable(projectId);
        ProjectMember member = member(projectId, userId);
        if (member.role() == ProjectRole.OWNER) {
            keepAnOwner(projectId);
        }
        members.delete(member);
        events.publishEvent(new MemberRemoved(projectId, username(userId)));
    }

    private void keepAnOwner(long projectId) {
        if (members.countByProjectIdAndRole(projectId, ProjectRole.OWNER) <= 1) {
            throw new IllegalArgumentException("A project keeps at least one owner: make someone else owner first.");
        }
    }

    private Project project(long projectId) {
        return projects.findById(projectId).orElseThrow(() -> new ProjectNotFoundException(projectId));
    }

    private Project changeable(long projectId) {
        Project project = project(projectId);
        if (project.archived()) {
            throw new IllegalStateException("Project '" + project.name() + "' is archived and changes no more.");
        }
        return project;
    }

    private ProjectMember member(long projectId, long userId) {
        return members.findByProjectIdAndUserId(projectId, userId)
                .orElseThrow(() -> new IllegalArgumentException("That user is not a member of this project."));
    }

    /** An existing user named in {@code field}; a lookup, so white space around the name is not held against it. */
    private UserSummary user(String field, String username) {
        return identity.findByUsername(username.strip())
                .orElseThrow(() -> new ProjectValidationException(field, "There is no user " + Echo.quoted(username)
                        + "."));
    }

    private String username(long userId) {
        return identity.findById(userId).map(UserSummary::username).orElse("#" + userId);
    }

    private static String validName(String name) {
        NAME_RULE.problem(name).ifPresent(problem -> {
            throw new ProjectValidationException("name", problem);
        });
        return name;
    }
}
