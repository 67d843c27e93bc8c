package io.gureum.console.identity;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.gureum.console.ui.LoginView;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Login against the database behind a throttle, Vaadin view access control, a session registry so that
 * disabling a user ends their sessions, login events for the audit log, open health probes.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * What the console's pages may load: only its own origin. Vaadin Flow needs inline scripts in its bootstrap page
     * and {@code eval} for the JavaScript the server sends ({@code executeJs}); Lit, xterm.js and Swagger UI set
     * inline styles; icons and noVNC's cursor are data: and blob: images; the consoles' WebSockets are same-origin.
     * No page may be framed by another site (clickjacking), no plugin runs, forms post only to the console.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SessionRegistry sessionRegistry) throws Exception {
        // Load balancers and orchestrators probe these without a session; info says which console instance answers
        // (its random id, system/ConsoleInstance), e.g. to check a proxy's sticky sessions.
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                        "/actuator/info")
                .permitAll());
        // HSTS (a year, this host only: the company's other names are not ours to pin) is sent on HTTPS requests only.
        http.headers(headers -> {
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(false).maxAgeInSeconds(31_536_000));
            // Written before the request is served: Vaadin's bootstrap page (the login view) went out with none of
            // these headers when they were written lazily, at commit.
            headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                @Override
                public <O extends HeaderWriterFilter> O postProcess(O filter) {
                    filter.setShouldWriteHeadersEagerly(true);
                    return filter;
                }
            });
        });
        // No limit on sessions per user; the registry is there so that a disabled user's sessions can be found.
        http.sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(sessionRegistry)
                .expiredUrl("/login"));
        // Vaadin denies every request that is not a known route by default: a mistyped address then got an empty
        // 403 from the filter chain instead of the console's "not found" page. Signed-in users reach the router,
        // which answers with its error views inside the layout; anonymous visitors still go to the login.
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(any -> any.authenticated())).build();
    }

    /**
     * BCrypt at cost 12 (~0.3 s a hash here) unless configured otherwise: the test profile lowers the cost, since
     * the suite makes and checks thousands of passwords; a hash of any cost still matches.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${gureum.security.password-hash-strength:12}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    ThrottledAuthenticationProvider authenticationProvider(DatabaseUserDetailsService users,
                                                           PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(passwords, throttle);
    }

    /** Every login, successful or not, becomes an application event (the audit log listens). */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
        events.setAdditionalExceptionMappings(Map.of(LoginThrottledException.class,
                AuthenticationFailureLockedEvent.class));
        return events;
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when sessions end or change id. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
