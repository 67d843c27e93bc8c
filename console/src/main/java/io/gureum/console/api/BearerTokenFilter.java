package io.gureum.console.api;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserSummary;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in as the owner of the bearer token it presents. The user's roles are loaded now, not from the
 * token, so a token never has more rights than its user has at this moment (a disabled user's tokens stop working).
 * A request without a valid token stays anonymous and the chain answers 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final IdentityService identity;
    private final UserDetailsService users;

    BearerTokenFilter(ApiTokenService tokens, IdentityService identity, UserDetailsService users) {
        this.tokens = tokens;
        this.identity = identity;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            signIn(header.substring(BEARER.length()).strip());
        }
        chain.doFilter(request, response);
    }

    private void signIn(String secret) {
        Optional<UserDetails> user = tokens.userOf(secret).flatMap(identity::findById).map(UserSummary::username)
                .flatMap(this::load).filter(UserDetails::isEnabled).filter(UserDetails::isAccountNonLocked);
        user.ifPresent(details -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(details.getUsername(), null,
                    details.getAuthorities()));
            SecurityContextHolder.setContext(context);
        });
    }

    private Optional<UserDetails> load(String username) {
        try {
            return Optional.of(users.loadUserByUsername(username));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
