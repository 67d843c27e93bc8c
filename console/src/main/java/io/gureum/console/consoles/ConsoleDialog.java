package io.gureum.console.consoles;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinSession;
import java.util.UUID;

/**
 * A browser console in a dialog: xterm.js (served from {@code /consoles/vendor/}, outside Vaadin's bundle) bound
 * to the console WebSocket with a token issued when the dialog opens. Closing the dialog closes the socket.
 */
public class ConsoleDialog extends Dialog {

    /** The ES module that builds the terminal; relative to the page's base, as Vaadin sets it. */
    static final String MODULE = "consoles/terminal.js";

    final Div screen = new Div();
    final Span status = new Span("connecting…");

    /** Asks for a token now (the caller's role is checked); throws what the service refuses with. */
    public ConsoleDialog(ConsoleService consoles, ConsoleKind kind, UUID resourceId, String title) {
        String token = consoles.issue(kind, resourceId, VaadinSession.getCurrent().getSession().getId());
        setHeaderTitle(title);
        setId("console-dialog");
        screen.setId("console-screen");
        screen.setWidth("100%");
        screen.setHeight("100%");
        screen.getStyle().set("background", "#000").set("min-height", "20rem");
        status.setId("console-status");
        Button close = new Button("Close", click -> close());
        close.setId("console-close");
        getHeader().add(status, close);
        add(screen);
        setWidth("min(90vw, 1100px)");
        setHeight("min(80vh, 700px)");
        setResizable(true);
        setDraggable(true);
        String socket = ConsoleSocketConfiguration.PATH.substring(1) + "?resource=" + resourceId + "&token=" + token;
        addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                screen.getElement().executeJs(
                        "import(new URL($0, document.baseURI).href).then(m => m.openTerminal(this, $1, $2))",
                        MODULE, socket, status.getElement());
            } else {
                screen.getElement().executeJs("this.gureumConsole && this.gureumConsole.close()");
            }
        });
    }
}
