package io.gureum.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** A page that fails while it opens, for the internal error page's test (test sources only). */
@Route("test-failing-page")
@PermitAll
public class FailingPage extends Div implements BeforeEnterObserver {

    static final String SECRET = "jdbc:h2:file:/secret/path password=hunter2";

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        throw new IllegalStateException("could not open " + SECRET);
    }
}
