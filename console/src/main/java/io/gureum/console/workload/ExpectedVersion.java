package io.gureum.console.workload;

import java.time.Instant;
import java.util.Set;

/**
 * The versions of a workload a change is meant for (a client's {@code If-Match}): its {@code updatedAt}, which every
 * change of the row moves. The facade compares it in the transaction that writes, so that a change landing between
 * the caller's read and this write is refused instead of overwritten.
 *
 * @param updatedAt the accepted versions; null for any version
 */
public record ExpectedVersion(Set<Instant> updatedAt) {

    /** No condition. */
    public static final ExpectedVersion ANY = new ExpectedVersion(null);

    public ExpectedVersion {
        updatedAt = updatedAt == null ? null : Set.copyOf(updatedAt);
    }

    /** Refuses a row whose version is none of the accepted ones. */
    void require(WorkloadEntity<?> row) {
        if (updatedAt != null && !updatedAt.contains(row.updatedAt())) {
            throw new WorkloadChangedException(row.name(), row.updatedAt());
        }
    }
}
