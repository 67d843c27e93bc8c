package io.gureum.console.api;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: a signed-in user makes, lists and revokes their own. The secret has a recognisable prefix
 * (so that secret scanners can find a leaked one) and 256 random bits; only its SHA-256 is stored.
 */
@Service
public class ApiTokenService {

    /** What every secret starts with. */
    public static final String PREFIX = "gur_";
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    static final Duration MAX_VALIDITY = Duration.ofDays(365);
    private static final int SECRET_BYTES = 32;

    private final ApiTokenRepository tokens;
    private final IdentityService identity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, IdentityService identity, Clock clock) {
        this.tokens = tokens;
        this.identity = identity;
        this.clock = clock;
    }

    /** Makes a token for the caller; {@code validity} null means the default (90 days). */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public NewApiToken create(String name, Duration validity) {
        String cleaned = name == null ? "" : name.strip();
        if (cleaned.isEmpty() || cleaned.length() > 64 || cleaned.chars().anyMatch(Character::isISOControl)) {
            throw new ApiTokenValidationException("name", "A token name has 1 to 64 characters, no control characters.");
        }
        Duration lifetime = validity == null ? DEFAULT_VALIDITY : validity;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_VALIDITY) > 0) {
            throw new ApiTokenValidationException("validity", "A token is valid for 1 second to "
                    + MAX_VALIDITY.toDays() + " days.");
        }
        UserSummary owner = identity.currentUser();
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(owner.id(), cleaned, hash(secret), now, now.plus(lifetime)));
        return new NewApiToken(token.summary(), secret);
    }

    /** The caller's own tokens, newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> mine() {
        return tokens.findByUserIdOrderByCreatedAtDesc(identity.currentUser().id()).stream()
                .map(ApiToken::summary).toList();
    }

    /** Revokes one of the caller's tokens; another user's token is as unknown as a missing one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void revoke(long tokenId) {
        long caller = identity.currentUser().id();
        tokens.findById(tokenId).filter(token -> token.userId() == caller)
                .orElseThrow(() -> new ApiTokenValidationException(null, "There is no API token " + tokenId + "."))
                .revokeAt(clock.instant());
    }

    /**
     * The id of the user a presented secret belongs to, if it is a live token; records its use. Called by the
     * API's authentication filter, before anyone is signed in.
     */
    @Transactional
    Optional<Long> userOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findBySecretHash(hash(secret)).filter(token -> token.usableAt(now)).map(token -> {
            token.usedAt(now);
            return token.userId();
        });
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
