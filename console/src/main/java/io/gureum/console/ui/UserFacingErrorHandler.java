package io.gureum.console.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.gureum.console.system.InvalidInput;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The last resort for errors in event listeners (a button click a view did not guard): the user reads a
 * notification in words, never the exception's text; internal errors are logged with a reference the
 * notification gives.
 */
@Component
class UserFacingErrorHandler implements ErrorHandler, VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        String text = message(event.getThrowable());
        UI ui = event.getComponent().flatMap(c -> c.getUI()).orElse(UI.getCurrent());
        if (ui == null) {
            return; // nobody to tell; message() logged internal errors already
        }
        ui.access(() -> Notification.show(text, 10_000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR));
    }

    /** What the user reads about {@code error}. */
    static String message(Throwable error) {
        Throwable cause = error;
        // Vaadin wraps listener exceptions; the services' own refusals are written for users.
        while (cause != null && !(cause instanceof InvalidInput) && !(cause instanceof AccessDeniedException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInput refused) {
            return refused.getMessage();
        }
        if (cause instanceof AccessDeniedException) {
            return "Your account may not do that.";
        }
        return ErrorReference.sentence("the action was not completed",
                ErrorReference.logged("in an event listener", error));
    }
}
