package io.gureum.console.testsupport;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.unique;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;

/**
 * Two projects A and B, each with an owner, a member and a viewer, made through the real facades.
 * A Spring bean of the test context only (see {@link FixturesConfiguration}).
 */
public class Fixtures {

    public static final String PASSWORD = "Altostratus-42-Cirrus";

    /** A project and its people. */
    public record Tenant(ProjectSummary project, UserSummary owner, UserSummary member, UserSummary viewer) {
        public long id() {
            return project.id();
        }
    }

    private final IdentityService identity;
    private final ProjectService projects;

    public Fixtures(IdentityService identity, ProjectService projects) {
        this.identity = identity;
        this.projects = projects;
    }

    public UserSummary user(String prefix) {
        return asAdmin(() -> identity.createUser(unique(prefix), prefix, PASSWORD, false));
    }

    public Tenant tenant(String prefix) {
        UserSummary owner = user(prefix + "-owner");
        UserSummary member = user(prefix + "-member");
        UserSummary viewer = user(prefix + "-viewer");
        ProjectSummary project = asAdmin(() -> projects.create(unique(prefix), owner.username()));
        Actors.asUser(owner.username(), () -> {
            projects.addMember(project.id(), member.username(), ProjectRole.MEMBER);
            projects.addMember(project.id(), viewer.username(), ProjectRole.VIEWER);
        });
        return new Tenant(project, owner, member, viewer);
    }
}
