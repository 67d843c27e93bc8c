package io.gureum.console.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; null fields do not filter.
 *
 * @param action part of the action name, e.g. {@code user.} for every user action
 * @param from   inclusive
 * @param to     exclusive
 */
public record AuditFilter(String actor, Long projectId, String action, Outcome outcome, Instant from, Instant to) {

    public static final AuditFilter EVERYTHING = new AuditFilter(null, null, null, null, null, null);
}
