package io.gureum.console.api;

import java.time.Instant;

/** A token as its owner sees it: never the secret. */
public record ApiTokenSummary(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                              Instant revokedAt) {
}
