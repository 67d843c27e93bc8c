package io.gureum.console.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An error while a page was being opened, inside the console's layout: a sentence and a reference, never the
 * exception's text or stack trace, which go to the log under that reference.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class InternalErrorView extends ErrorPage implements HasErrorParameter<Exception> {

    String reference;

    public InternalErrorView() {
        super("internal-error");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        reference = ErrorReference.logged("opening /" + event.getLocation().getPath(), parameter.getCaughtException());
        show("Something went wrong", ErrorReference.sentence("the page could not be shown", reference));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
