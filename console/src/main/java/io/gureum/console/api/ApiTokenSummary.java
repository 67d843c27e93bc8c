package io.gureum.console.api;

import io.gureum.console.identity.TokenScope;
import java.time.Instant;
import java.util.Set;

/**
 * A token as its owner (or an administrator) sees it: never the secret.
 *
 * @param owner      the user name of the token's owner
 * @param projectIds the projects the token is limited to; empty means every project of its owner
 */
public record ApiTokenSummary(long id, String owner, String name, TokenScope scope, Set<Long> projectIds,
                              Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    /** Revoked or expired at {@code now}. */
    public boolean endedAt(Instant now) {
        return revokedAt != null || !now.isBefore(expiresAt);
    }
}
