package io.gureum.console.project;

import java.time.Instant;

/**
 * What callers may know about a project.
 *
 * @param myRole the caller's role in it, or null for an administrator who is not a member
 */
public record ProjectSummary(long id, String name, boolean archived, Instant createdAt, ProjectRole myRole) {
}
