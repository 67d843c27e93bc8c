package io.gureum.console.audit;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes entries: in the caller's transaction for mutations, in a transaction of its own for failures. */
@Component
class AuditLog {

    private final AuditEntryRepository entries;
    private final Clock clock;

    AuditLog(AuditEntryRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Commits or rolls back together with the mutation it records. */
    @Transactional(propagation = Propagation.REQUIRED)
    void withMutation(String actor, String viaToken, Long projectId, String target, String action, String detail) {
        entries.save(new AuditEntry(clock.instant(), actor, viaToken, projectId, target, action, Outcome.SUCCESS,
                detail));
    }

    /** Survives the rollback of whatever failed or was refused. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void independently(String actor, String viaToken, Long projectId, String target, String action,
                       Outcome outcome, String detail) {
        entries.save(new AuditEntry(clock.instant(), actor, viaToken, projectId, target, action, outcome, detail));
    }
}
