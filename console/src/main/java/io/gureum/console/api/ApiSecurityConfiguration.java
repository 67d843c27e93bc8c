package io.gureum.console.api;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * The API's own filter chain, ahead of the UI's: stateless (no session is read or made), bearer tokens only, so no
 * CSRF (a browser never sends the token by itself), and a refusal is problem JSON, never a redirect to the login.
 */
@Configuration
class ApiSecurityConfiguration {

    // Fixed texts: nothing of the request goes into them.
    private static final String UNAUTHENTICATED = """
            {"type":"%s","title":"Not signed in","status":401,\
            "detail":"Send a valid API token: Authorization: Bearer <token>."}""".formatted(ProblemTypes.UNAUTHENTICATED);
    private static final String FORBIDDEN = """
            {"type":"%s","title":"Not allowed","status":403,\
            "detail":"Your account may not do this."}""".formatted(ProblemTypes.FORBIDDEN);
    private static final String THROTTLED = """
            {"type":"%s","title":"Too many failed attempts","status":429,\
            "detail":"Too many failed token authentications from your address: try again in %d s."}""";

    /** Where springdoc serves the OpenAPI document (springdoc.api-docs.path); Swagger UI's config lies below it. */
    static final String OPENAPI_DOCUMENT = "/api/v1/openapi.json";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokenService tokens, IdentityService identity,
                                       UserDetailsService users, LoginThrottle throttle,
                                       @Value("${gureum.api.max-body-size:1MB}") DataSize maxBodySize)
            throws Exception {
        // The OpenAPI document is for the console's signed-in users (Swagger UI reads it with the session): the UI's
        // chain guards it.
        http.securityMatcher(new AndRequestMatcher(pathPattern("/api/**"),
                        new NegatedRequestMatcher(pathPattern(OPENAPI_DOCUMENT + "/**"))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                // Refused before the token is even looked at: a 413 costs nothing, whoever sends it.
                .addFilterBefore(new RequestBodyLimit(maxBodySize), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, identity, users, throttle), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problem(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED);
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, HttpStatus.FORBIDDEN, FORBIDDEN)));
        return http.build();
    }

    /** 429 with {@code Retry-After}: the attempt was not even looked at. */
    static void throttled(jakarta.servlet.http.HttpServletResponse response, Duration wait) throws java.io.IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        problem(response, HttpStatus.TOO_MANY_REQUESTS, THROTTLED.formatted(ProblemTypes.THROTTLED, seconds));
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String body)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
