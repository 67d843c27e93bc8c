package io.gureum.console.api;

import io.gureum.console.api.ApiTokenEvents.ApiTokenCreated;
import io.gureum.console.api.ApiTokenEvents.ApiTokenRevoked;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.TokenAuthentication;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.identity.UserSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: a signed-in user makes, lists and revokes their own; administrators list and revoke every
 * user's. The secret has a recognisable prefix (so that secret scanners can find a leaked one) and 256 random bits;
 * only its SHA-256 is stored. A token adds no right: it narrows its user's current rights by its scope and projects
 * (see {@link ProjectAccess}).
 */
@Service
public class ApiTokenService {

    /** What every secret starts with. */
    public static final String PREFIX = "gur_";
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    private static final int SECRET_BYTES = 32;
    private static final int MAX_PROJECTS = 100;

    /** A live token presented with a request: who it signs in, and what it limits. */
    record LiveToken(long id, long userId, String name, TokenScope scope, Set<Long> projectIds) {
    }

    private final ApiTokenRepository tokens;
    private final IdentityService identity;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration maxValidity;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, IdentityService identity, ProjectAccess access,
                    ApplicationEventPublisher events, Clock clock,
                    @Value("${gureum.api.tokens.max-validity:365d}") Duration maxValidity) {
        this.tokens = tokens;
        this.identity = identity;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.maxValidity = maxValidity;
    }

    /** The longest validity a token may be given ({@code gureum.api.tokens.max-validity}). */
    public Duration maxValidity() {
        return maxValidity;
    }

    /** Makes a read-write token for every project of the caller; {@code validity} null means 90 days. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public NewApiToken create(String name, Duration validity) {
        return create(new ApiTokenRequest(name, validity, null, null));
    }

    /**
     * Makes a token for the caller. Its projects must be the caller's own; a caller signed in with a token limited
     * to projects may make only tokens limited to some of those.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public NewApiToken create(ApiTokenRequest request) {
        String cleaned = request.name() == null ? "" : request.name().strip();
        if (cleaned.isEmpty() || cleaned.length() > 64 || cleaned.chars().anyMatch(Character::isISOControl)) {
            throw new ApiTokenValidationException("name", "A token name has 1 to 64 characters, no control characters.");
        }
        Duration lifetime = request.validity() == null ? DEFAULT_VALIDITY : request.validity();
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxValidity) > 0) {
            throw new ApiTokenValidationException("validityDays", "A token is valid for at most "
                    + maxValidity.toDays() + " days, and for some time.");
        }
        TokenScope scope = request.scope() == null ? TokenScope.READ_WRITE : request.scope();
        Set<Long> projects = request.projectIds() == null ? Set.of() : Set.copyOf(request.projectIds());
        if (projects.size() > MAX_PROJECTS) {
            throw new ApiTokenValidationException("projectIds", "A token is limited to at most " + MAX_PROJECTS
                    + " projects.");
        }
        if (callerToken().filter(TokenAuthentication::readOnly).isPresent() && scope == TokenScope.READ_WRITE) {
            throw new ApiTokenValidationException("scope", "A read-only token makes only read-only tokens.");
        }
        if (projects.isEmpty() && callerToken().filter(TokenAuthentication::limitedToProjects).isPresent()) {
            throw new ApiTokenValidationException("projectIds",
                    "A token limited to projects makes only tokens limited to some of them.");
        }
        // Through the caller's token too: a limited token offers only its own projects.
        Set<Long> own = access.projectsWhereCallerHolds(ProjectRole.VIEWER);
        Set<Long> foreign = new TreeSet<>(projects);
        foreign.removeAll(own);
        if (!foreign.isEmpty()) {
            throw new ApiTokenValidationException("projectIds", "You are no member of project(s) " + foreign
                    + ": a token can be limited only to your own projects.");
        }
        UserSummary owner = identity.currentUser();
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(owner.id(), cleaned, hash(secret), now, now.plus(lifetime), scope,
                projects));
        events.publishEvent(new ApiTokenCreated(token.id(), owner.username(), cleaned, scope, projects,
                now.plus(lifetime)));
        return new NewApiToken(token.summary(owner.username()), secret);
    }

    /** The caller's own tokens, newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> mine() {
        UserSummary caller = identity.currentUser();
        return tokens.findByUserIdOrderByCreatedAtDesc(caller.id()).stream()
                .map(token -> token.summary(caller.username())).toList();
    }

    /** Revokes one of the caller's tokens; another user's token is as unknown as a missing one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void revoke(long tokenId) {
        long caller = identity.currentUser().id();
        revoke(tokens.findById(tokenId).filter(token -> token.userId() == caller)
                .orElseThrow(() -> new ApiTokenNotFoundException(tokenId)));
    }

    /** Every user's tokens, newest first, for administrators. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> all() {
        access.requireAdmin();
        Map<Long, String> names = identity.listUsers().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::username));
        return tokens.findAllByOrderByCreatedAtDesc().stream()
                .map(token -> token.summary(names.getOrDefault(token.userId(), "#" + token.userId()))).toList();
    }

    /** An administrator revokes any user's token. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revokeAny(long tokenId) {
        access.requireAdmin();
        revoke(tokens.findById(tokenId).orElseThrow(() -> new ApiTokenNotFoundException(tokenId)));
    }

    private void revoke(ApiToken token) {
        if (token.revokeAt(clock.instant())) {
            String owner = identity.findById(token.userId()).map(UserSummary::username).orElse("#" + token.userId());
            events.publishEvent(new ApiTokenRevoked(token.id(), owner, token.name()));
        }
    }

    /**
     * The live token a presented secret belongs to, if any; records its use. Called by the API's authentication
     * filter, before anyone is signed in.
     */
    @Transactional
    Optional<LiveToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findBySecretHash(hash(secret)).filter(token -> token.usableAt(now)).map(token -> {
            token.usedAt(now);
            return new LiveToken(token.id(), token.userId(), token.name(), token.scope(), token.projectIds());
        });
    }

    private static Optional<TokenAuthentication> callerToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof TokenAuthentication token ? Optional.of(token) : Optional.empty();
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
