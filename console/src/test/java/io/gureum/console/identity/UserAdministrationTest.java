package io.gureum.console.identity;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.HttpLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.session.SessionRegistry;

/** Administrators manage users; users manage only their own password; disabling ends sessions. */
@ConsoleTest
class UserAdministrationTest {

    static final String PASSWORD = "Altostratus-42-Cirrus";

    @Autowired
    IdentityService identity;

    @Autowired
    SessionRegistry sessionRegistry;

    @Autowired
    LoginThrottle throttle;

    @LocalServerPort
    int port;

    @BeforeEach
    void unthrottled() {
        throttle.forgetAll();
    }

    private UserSummary newUser() {
        return asAdmin(() -> identity.createUser(unique("user"), "Test User", PASSWORD, false));
    }

    @Test
    void an_administrator_creates_a_user_who_can_then_log_in() throws Exception {
        UserSummary user = newUser();

        assertThat(user.enabled()).isTrue();
        assertThat(user.isAdmin()).isFalse();
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).isEqualTo(browser.home());
        }
    }

    @Test
    void user_administration_is_for_administrators_only() {
        UserSummary user = newUser();

        asUser(user.username(), () -> {
            assertThatThrownBy(identity::listUsers).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> identity.createUser(unique("x"), "X", PASSWORD, true))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> identity.disable(user.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> identity.enable(user.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> identity.resetPassword(user.id())).isInstanceOf(AccessDeniedException.class);
        });
        assertThatThrownBy(identity::listUsers).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void a_new_users_password_must_pass_the_policy_and_names_are_unique() {
        assertThatThrownBy(() -> asAdmin(() -> identity.createUser(unique("weak"), "", "password", false)))
                .isInstanceOf(WeakPasswordException.class);
        UserSummary user = newUser();
        assertThatThrownBy(() -> asAdmin(() -> identity.createUser(user.username(), "", PASSWORD, false)))
                .hasMessageContaining("taken");
    }

    @Test
    void a_disabled_user_cannot_log_in_and_a_re_enabled_one_can() throws Exception {
        UserSummary user = newUser();
        asAdmin(() -> identity.disable(user.id()));

        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).endsWith("/login?error");
        }
        asAdmin(() -> identity.enable(user.id()));
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).isEqualTo(browser.home());
        }
    }

    @Test
    void disabling_a_user_ends_their_open_sessions() throws Exception {
        UserSummary user = newUser();
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).isEqualTo(browser.home());
            assertThat(browser.get("/").statusCode()).isEqualTo(200);
            assertThat(sessionsOf(user.username())).isEqualTo(1);

            asAdmin(() -> identity.disable(user.id()));

            assertThat(sessionsOf(user.username())).isZero();
            var after = browser.get("/");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
    }

    @Test
    void an_administrator_cannot_disable_themselves() {
        long adminId = identity.findByUsername("admin").orElseThrow().id();
        assertThatThrownBy(() -> asAdmin(() -> identity.disable(adminId))).hasMessageContaining("your own");
    }

    @Test
    void a_reset_password_is_generated_strong_and_replaces_the_old_one() throws Exception {
        UserSummary user = newUser();
        String generated = asAdmin(() -> identity.resetPassword(user.id()));

        new PasswordPolicy().check(user.username(), generated);
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).endsWith("/login?error");
            assertThat(browser.logIn(user.username(), generated)).isEqualTo(browser.home());
        }
    }

    @Test
    void users_change_their_own_password_knowing_the_current_one() throws Exception {
        UserSummary user = newUser();
        String next = "Nimbostratus-77-Fog";

        asUser(user.username(), () -> {
            assertThatThrownBy(() -> identity.changeOwnPassword("wrong-password-123", next))
                    .isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> identity.changeOwnPassword(PASSWORD, "short"))
                    .isInstanceOf(WeakPasswordException.class);
            identity.changeOwnPassword(PASSWORD, next);
        });
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), next)).isEqualTo(browser.home());
        }
    }

    @Test
    void after_five_failures_logins_are_throttled_even_with_the_right_password_and_say_how_long() throws Exception {
        UserSummary user = newUser();
        try (HttpLogin browser = new HttpLogin(port)) {
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                assertThat(browser.logIn(user.username(), "wrong-password-" + i)).endsWith("/login?error");
            }
            assertThat(browser.logIn(user.username(), PASSWORD)).endsWith("/login?error");
            assertThat(throttle.remainingLock(user.username(), "127.0.0.1")).isPositive();
        }
        throttle.forgetAll();
        try (HttpLogin browser = new HttpLogin(port)) {
            assertThat(browser.logIn(user.username(), PASSWORD)).isEqualTo(browser.home());
        }
    }

    private int sessionsOf(String username) {
        return sessionRegistry.getAllPrincipals().stream()
                .filter(principal -> principal instanceof org.springframework.security.core.userdetails.UserDetails d
                        && d.getUsername().equals(username))
                .mapToInt(principal -> sessionRegistry.getAllSessions(principal, false).size())
                .sum();
    }
}
