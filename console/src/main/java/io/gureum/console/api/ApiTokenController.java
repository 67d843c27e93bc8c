package io.gureum.console.api;

import io.gureum.console.identity.TokenScope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** API tokens through {@link ApiTokenService}: the caller's own, and every user's for administrators. */
@RestController
class ApiTokenController {

    private final ApiTokenService tokens;

    ApiTokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** What a client sends to make a token; {@code validityDays} null means 90 days. */
    record TokenRequest(String name, Integer validityDays, TokenScope scope, Set<Long> projectIds) {
    }

    /** A token as the API shows it: never the secret. */
    record TokenResource(long id, String owner, String name, String scope, Set<Long> projectIds, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        static TokenResource of(ApiTokenSummary token) {
            return new TokenResource(token.id(), token.owner(), token.name(), token.scope().name(),
                    token.projectIds(), token.createdAt(), token.expiresAt(), token.lastUsedAt(), token.revokedAt());
        }
    }

    /** A token just made: the only answer that holds its secret. */
    record CreatedToken(TokenResource token, String secret) {
    }

    @GetMapping("/api/v1/me/tokens")
    List<TokenResource> mine() {
        return tokens.mine().stream().map(TokenResource::of).toList();
    }

    @PostMapping("/api/v1/me/tokens")
    ResponseEntity<CreatedToken> create(@RequestBody TokenRequest request) {
        if (request.validityDays() != null && request.validityDays() < 1) {
            throw new InvalidParameters(List.of(Map.of("field", "validityDays", "message", "1 or more.")));
        }
        NewApiToken made = tokens.create(new ApiTokenRequest(request.name(),
                request.validityDays() == null ? null : Duration.ofDays(request.validityDays()), request.scope(),
                request.projectIds()));
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + made.token().id()))
                .body(new CreatedToken(TokenResource.of(made.token()), made.secret()));
    }

    @DeleteMapping("/api/v1/me/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tokens")
    List<TokenResource> all() {
        return tokens.all().stream().map(TokenResource::of).toList();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ResponseEntity<Void> revokeAny(@PathVariable long id) {
        tokens.revokeAny(id);
        return ResponseEntity.noContent().build();
    }
}
