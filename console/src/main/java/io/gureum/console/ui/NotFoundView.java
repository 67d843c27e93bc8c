package io.gureum.console.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gureum.console.system.Echo;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * "Not found" inside the console's layout. Also the answer for another project's objects, so that ids cannot be
 * probed. Anonymous visitors are sent to the login page instead: they learn nothing about which pages exist.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotFoundView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        super("not-found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        if (!signedIn()) {
            event.forwardTo(LoginView.class);
            return HttpServletResponse.SC_NOT_FOUND;
        }
        show("Not found", "There is nothing at " + Echo.quoted("/" + event.getLocation().getPath())
                + ", or it is not yours to see. Choose a place in the navigation.");
        return HttpServletResponse.SC_NOT_FOUND;
    }

    static boolean signedIn() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
    }
}
