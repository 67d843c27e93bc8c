package io.gureum.console.api;

import io.gureum.console.api.ApiTokenService.LiveToken;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.TokenAuthentication;
import io.gureum.console.identity.UserSummary;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in as the owner of the bearer token it presents, as a {@link TokenAuthentication} that carries the
 * token's limits. The user's roles are loaded now, not from the token, so a token never has more rights than its
 * user has at this moment (a disabled user's tokens stop working). A request without a valid token stays anonymous
 * and the chain answers 401. Failed attempts are throttled per client address like logins; a throttled attempt is
 * answered 429 without looking at the token.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    // The throttle's user name for token attempts: no user can have it (user names have no spaces).
    static final String THROTTLE_NAME = "api token";

    private final ApiTokenService tokens;
    private final IdentityService identity;
    private final UserDetailsService users;
    private final LoginThrottle throttle;

    BearerTokenFilter(ApiTokenService tokens, IdentityService identity, UserDetailsService users,
                      LoginThrottle throttle) {
        this.tokens = tokens;
        this.identity = identity;
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String address = request.getRemoteAddr();
            Duration wait = throttle.remainingLock(THROTTLE_NAME, address);
            if (!wait.isZero()) {
                ApiSecurityConfiguration.throttled(response, wait);
                return;
            }
            Optional<TokenAuthentication> signedIn = signIn(header.substring(BEARER.length()).strip());
            if (signedIn.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(signedIn.get());
                SecurityContextHolder.setContext(context);
            } else {
                // No reset on success: one valid token must not buy unlimited guesses at others.
                throttle.recordFailure(THROTTLE_NAME, address);
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<TokenAuthentication> signIn(String secret) {
        Optional<LiveToken> token = tokens.authenticate(secret);
        return token.flatMap(live -> identity.findById(live.userId())).map(UserSummary::username)
                .flatMap(this::load).filter(UserDetails::isEnabled).filter(UserDetails::isAccountNonLocked)
                .map(details -> new TokenAuthentication(details.getUsername(), details.getAuthorities(),
                        token.get().id(), token.get().name(), token.get().scope(), token.get().projectIds()));
    }

    private Optional<UserDetails> load(String username) {
        try {
            return Optional.of(users.loadUserByUsername(username));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
