package io.gureum.console.audit;

import org.springframework.data.repository.Repository;

/** Append-only on purpose: a plain {@link Repository} with save and nothing that updates or deletes. */
interface AuditEntryRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);
}
