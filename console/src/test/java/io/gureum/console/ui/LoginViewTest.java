package io.gureum.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import io.gureum.console.dashboard.DashboardView;
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
    void an_anonymous_visitor_is_sent_to_the_login_view() {
        UI.getCurrent().navigate(DashboardView.class);

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }
}
