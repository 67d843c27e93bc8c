package io.gureum.console.project;

/** What a member may do in a project; each role includes the rights of the ones below it. */
public enum ProjectRole {
    /** Reads the project's resources. */
    VIEWER,
    /** Also creates and operates the project's resources. */
    MEMBER,
    /** Also manages the project's members and settings. */
    OWNER;

    public boolean includes(ProjectRole required) {
        return compareTo(required) >= 0;
    }
}
