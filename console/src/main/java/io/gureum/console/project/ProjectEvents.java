package io.gureum.console.project;

import io.gureum.console.system.Audited;

/** Past-tense events of the project feature. */
public final class ProjectEvents {

    private ProjectEvents() {
    }

    /** An administrator created a project (the quota feature gives it default limits). */
    public record ProjectCreated(Long projectId, String name, String owner) implements Audited {
        public String action() { return "project.created"; }
        public String target() { return "project " + name; }
        public String detail() { return owner == null ? "" : "owner " + owner; }
    }

    /** A project got a new name. */
    public record ProjectRenamed(Long projectId, String oldName, String newName) implements Audited {
        public String action() { return "project.renamed"; }
        public String target() { return "project " + newName; }
        public String detail() { return "was " + oldName; }
    }

    /** A project was archived: it is kept for the record and changes no more. */
    public record ProjectArchived(Long projectId, String name) implements Audited {
        public String action() { return "project.archived"; }
        public String target() { return "project " + name; }
        public String detail() { return ""; }
    }

    /** A user joined a project. */
    public record MemberAdded(Long projectId, String username, ProjectRole role) implements Audited {
        public String action() { return "project.member-added"; }
        public String target() { return "member " + username; }
        public String detail() { return "role " + role; }
    }

    /** A member's role changed. */
    public record MemberRoleChanged(Long projectId, String username, ProjectRole from, ProjectRole to)
            implements Audited {
        public String action() { return "project.member-role-changed"; }
        public String target() { return "member " + username; }
        public String detail() { return from + " -> " + to; }
    }

    /** A member left or was removed. */
    public record MemberRemoved(Long projectId, String username) implements Audited {
        public String action() { return "project.member-removed"; }
        public String target() { return "member " + username; }
        public String detail() { return ""; }
    }

    /** The caller asked for something in a project their role does not allow. */
    public record AccessRefused(Long projectId, ProjectRole required, String why) implements Audited {
        public String action() { return "project.access-refused"; }
        public String target() { return "project " + projectId; }
        public String detail() { return "needs " + required + ": " + why; }
        @Override
        public boolean refused() { return true; }
    }
}
