package io.gureum.console.metrics;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.gureum.console.identity.GlobalRole;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read {@code /actuator/prometheus}: Prometheus with the scrape token the operator configured
 * ({@code gureum.metrics.scrape-token}, sent as {@code Authorization: Bearer}), or a signed-in administrator
 * (their browser session). Nobody else: the metrics name projects and show the cloud's size. Without a configured
 * token only administrators can read them.
 */
@Configuration(proxyBeanMethods = false)
class ScrapeSecurity {

    static final String SCRAPER_ROLE = "METRICS_SCRAPER";

    @Bean
    @Order(2) // after the API's chain, before the UI's catch-all one
    SecurityFilterChain prometheusFilterChain(HttpSecurity http,
                                              @Value("${gureum.metrics.scrape-token:}") String scrapeToken)
            throws Exception {
        http.securityMatcher(pathPattern("/actuator/prometheus"))
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAnyRole(GlobalRole.ADMIN_NAME, SCRAPER_ROLE))
                .csrf(csrf -> csrf.disable()) // read only (GET); a browser never sends the token by itself
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ScrapeTokenFilter(scrapeToken), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    // A status of its own, not sendError: the error page's dispatch would meet the UI's login redirect.
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("Send the scrape token: Authorization: Bearer <token>.\n");
                }));
        return http.build();
    }

    /** Accepts the configured scrape token for this request only (nothing goes into a session). */
    static final class ScrapeTokenFilter extends OncePerRequestFilter {

        private final byte[] expected;

        ScrapeTokenFilter(String token) {
            this.expected = token.isBlank() ? null : sha256(token.strip());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (expected != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    // Compared as hashes in constant time: the answer's timing says nothing about the token.
                    && MessageDigest.isEqual(expected, sha256(header.substring(7).strip()))) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + SCRAPER_ROLE))));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
