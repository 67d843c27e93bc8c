package io.gureum.console.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "No access" inside the console's layout: where Vaadin's navigation access control sends a signed-in user who
 * opens a page their role may not (it reroutes to {@link AccessDeniedException}; anonymous users go to the login).
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class AccessDeniedView extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    public AccessDeniedView() {
        super("access-denied");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        if (!NotFoundView.signedIn()) {
            event.forwardTo(LoginView.class);
            return HttpServletResponse.SC_FORBIDDEN;
        }
        show("No access", "Your account may not open this page. An administrator can give you the role it needs.");
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
