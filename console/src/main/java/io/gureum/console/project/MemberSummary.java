package io.gureum.console.project;

/** A member of a project and their role. */
public record MemberSummary(long userId, String username, String displayName, ProjectRole role) {
}
