package io.gureum.console.audit;

import java.time.Instant;

/** A line of the audit log as readers see it. */
public record AuditRecord(long id, Instant occurredAt, String actor, Long projectId, String target, String action,
                          Outcome outcome, String detail) {
}
