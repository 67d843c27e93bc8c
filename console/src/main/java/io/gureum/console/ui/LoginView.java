package io.gureum.console.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** The only page open to anonymous visitors: a form that posts to Spring Security's login endpoint. */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Gureum")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView() {
        setId("login-view");
        getStyle().set("display", "flex").set("flex-direction", "column").set("align-items", "center")
                .set("justify-content", "center").set("min-height", "100vh").set("padding", "var(--lumo-space-l)");

        H1 brand = new H1("Gureum");
        brand.getStyle().set("margin-bottom", "0");
        Paragraph tagline = new Paragraph("Private cloud console: virtual machines and containers on your own servers.");
        tagline.getStyle().set("color", "var(--lumo-secondary-text-color)").set("text-align", "center");

        i18n.getForm().setTitle("Log in");
        i18n.getErrorMessage().setTitle("Wrong user name or password");
        i18n.getErrorMessage().setMessage("Check both and try again. An administrator can reset a forgotten password.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);

        add(brand, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        Object failure = failed ? lastLoginFailure() : null;
        if (failure instanceof LockedException throttled) {
            // The throttle says how long to wait; that reveals nothing about the account.
            i18n.getErrorMessage().setTitle("Too many failed logins");
            i18n.getErrorMessage().setMessage(throttled.getMessage());
            form.setI18n(i18n);
        } else if (failure instanceof AuthenticationServiceException) {
            // Not the user's fault (e.g. the database did not answer): saying "wrong password" would mislead.
            i18n.getErrorMessage().setTitle("Login is not possible right now");
            i18n.getErrorMessage().setMessage("The console could not check your password. Try again in a minute; "
                    + "if it keeps happening, tell an administrator.");
            form.setI18n(i18n);
        }
        form.setError(failed);
    }

    /** Spring Security keeps the last login failure in the HTTP session for the login page. */
    private static Object lastLoginFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getSession() == null ? null
                : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
