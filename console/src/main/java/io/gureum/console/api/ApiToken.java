package io.gureum.console.api;

import io.gureum.console.identity.TokenScope;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A personal API token; the secret itself is never stored, only its hash. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** How stale "last used" may be: the token page shows it to the minute. */
    static final java.time.Duration LAST_USE_PRECISION = java.time.Duration.ofMinutes(1);

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TokenScope scope;

    // Empty: every project of the user. A handful of ids at most, read with the token on every request.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_token_project", joinColumns = @JoinColumn(name = "token_id"))
    @Column(name = "project_id", nullable = false)
    private Set<Long> projectIds = new HashSet<>();

    protected ApiToken() {
    }

    ApiToken(long userId, String name, String secretHash, Instant createdAt, Instant expiresAt, TokenScope scope,
             Set<Long> projectIds) {
        this.userId = userId;
        this.name = name;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.scope = scope;
        this.projectIds = new HashSet<>(projectIds);
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /**
     * Records a use, to the minute: a pipeline's burst of calls would otherwise write (and lock) the same token row on
     * every request, which serialised 200 concurrent list requests behind one another (docs/performance.md, "API").
     */
    void usedAt(Instant now) {
        if (lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USE_PRECISION))) {
            lastUsedAt = now;
        }
    }

    /** False when it was revoked before. */
    boolean revokeAt(Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    long id() {
        return id;
    }

    long userId() {
        return userId;
    }

    String name() {
        return name;
    }

    TokenScope scope() {
        return scope;
    }

    Set<Long> projectIds() {
        return Set.copyOf(projectIds);
    }

    ApiTokenSummary summary(String owner) {
        return new ApiTokenSummary(id, owner, name, scope, Set.copyOf(projectIds), createdAt, expiresAt, lastUsedAt,
                revokedAt);
    }
}
