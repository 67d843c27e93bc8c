package io.gureum.console.audit;

import java.time.Instant;

/**
 * A line of the audit log as readers see it.
 *
 * @param viaToken the name of the API token the actor used, or null when they used the console itself
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String viaToken, Long projectId, String target,
                          String action, Outcome outcome, String detail) {

    /** A line written without an API token. */
    public AuditRecord(long id, Instant occurredAt, String actor, Long projectId, String target, String action,
                       Outcome outcome, String detail) {
        this(id, occurredAt, actor, null, projectId, target, action, outcome, detail);
    }

    /** The actor as the log shows it: {@code alice (token ci-pipeline)} for a call through an API token. */
    public String shownActor() {
        return viaToken == null ? actor : actor + " (token " + viaToken + ")";
    }
}
