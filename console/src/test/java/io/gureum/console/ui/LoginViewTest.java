package io.gureum.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import io.gureum.console.dashboard.DashboardView;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import io.gureum.console.testsupport.ConsoleTest;
import org.junit.jupiter.api.Test;

@ConsoleTest
class LoginViewTest extends SpringBrowserlessTest {

    @Test
    void the_login_form_posts_to_the_security_login_endpoint() {
        LoginView view = navigate(LoginView.class);

        LoginForm form = $(LoginForm.class).single();
        assertThat(form).isSameAs(view.form);
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isError()).isFalse();
        assertThat(form.isForgotPasswordButtonVisible()).isFalse();
    }

    @Test
    void a_failed_login_shows_the_error() {
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        LoginView view = (LoginView) getCurrentView();

        LoginForm form = $(LoginForm.class).single();
        assertThat(form.isError()).isTrue();
        assertThat(view.i18n.getErrorMessage().getTitle()).isEqualTo("Wrong user name or password");
    }

    @Test
    void a_throttled_login_says_how_long_to_wait() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new LockedException("Too many failed logins, try again in 30 s."));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        LoginView view = (LoginView) getCurrentView();

        assertThat(view.form.isError()).isTrue();
        assertThat(view.i18n.getErrorMessage().getTitle()).isEqualTo("Too many failed logins");
        assertThat(view.i18n.getErrorMessage().getMessage()).isEqualTo("Too many failed logins, try again in 30 s.");
    }

    @Test
    void a_login_that_failed_inside_the_console_says_so_instead_of_blaming_the_password() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new InternalAuthenticationServiceException("The database has been closed [90098-240]"));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        LoginView view = (LoginView) getCurrentView();

        assertThat(view.form.isError()).isTrue();
        assertThat(view.i18n.getErrorMessage().getTitle()).isEqualTo("Login is not possible right now");
        assertThat(view.i18n.getErrorMessage().getMessage()).doesNotContain("database").contains("Try again");
    }

    @Test
    void an_anonymous_visitor_is_sent_to_the_login_view() {
        UI.getCurrent().navigate(DashboardView.class);

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }
}
