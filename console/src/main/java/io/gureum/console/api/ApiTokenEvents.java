package io.gureum.console.api;

import io.gureum.console.identity.TokenScope;
import io.gureum.console.system.Audited;
import java.time.Instant;
import java.util.Set;

/** Past-tense events of API tokens, published by {@link ApiTokenService}; the audit log records them. */
public final class ApiTokenEvents {

    private ApiTokenEvents() {
    }

    /** A user made a token; never the secret. */
    public record ApiTokenCreated(long tokenId, String owner, String name, TokenScope scope, Set<Long> projectIds,
                                  Instant expiresAt) implements Audited {
        public String action() { return "api-token.created"; }
        public Long projectId() { return null; }
        public String target() { return "api token " + name + " of " + owner; }
        public String detail() {
            return "scope " + scope + ", " + (projectIds.isEmpty() ? "every project" : "projects " + projectIds)
                    + ", expires " + expiresAt;
        }
    }

    /** A token's owner or an administrator revoked it. */
    public record ApiTokenRevoked(long tokenId, String owner, String name) implements Audited {
        public String action() { return "api-token.revoked"; }
        public Long projectId() { return null; }
        public String target() { return "api token " + name + " of " + owner; }
        public String detail() { return ""; }
    }

    /** A read-only token tried a facade method that may write; refused before the method ran. */
    public record ReadOnlyTokenRefused(String tokenName, String operation) implements Audited {
        public String action() { return "api-token.write-refused"; }
        public Long projectId() { return null; }
        public String target() { return "api token " + tokenName; }
        public String detail() { return "read-only token may not call " + operation; }
        @Override public boolean refused() { return true; }
    }
}
