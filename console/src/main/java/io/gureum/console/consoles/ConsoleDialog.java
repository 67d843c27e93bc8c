package io.gureum.console.consoles;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A browser console in a dialog: xterm.js, or noVNC for a VM's screen (both served from {@code /consoles/vendor/},
 * outside Vaadin's bundle), bound to the console WebSocket with a token issued when the dialog opens. Closing the
 * dialog closes the socket.
 */
public class ConsoleDialog extends Dialog {

    /** The ES module that builds the terminal; relative to the page's base, as Vaadin sets it. */
    static final String MODULE = "consoles/terminal.js";
    /** The ES module that builds a VM's screen (noVNC). */
    static final String SCREEN_MODULE = "consoles/screen.js";

    final Div screen = new Div();
    final Span status = new Span("connecting…");

    /** Asks for a token now (the caller's role is checked); throws what the service refuses with. */
    public ConsoleDialog(ConsoleService consoles, ConsoleKind kind, UUID resourceId, String title) {
        this(consoles, kind, resourceId, title, null);
    }

    /**
     * As above, running {@code command} (what the user typed; null or blank for the kind's default) where the kind
     * runs one. The kind's service splits and checks it when the console opens.
     */
    public ConsoleDialog(ConsoleService consoles, ConsoleKind kind, UUID resourceId, String title, String command) {
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
        if (kind == ConsoleKind.VM_SCREEN) {
            add(screenControls());
            screen.setHeight("calc(100% - 3.5rem)"); // the controls' row above it, so that the dialog does not scroll
        }
        add(screen);
        setWidth("min(90vw, 1100px)");
        setHeight("min(80vh, 700px)");
        setResizable(true);
        setDraggable(true);
        String socket = ConsoleSocketConfiguration.PATH.substring(1) + "?resource=" + resourceId + "&token=" + token
                + (command == null || command.isBlank() ? "" : "&command=" + URLEncoder.encode(command, StandardCharsets.UTF_8));
        addOpenedChangeListener(opened -> {
            if (opened.isOpened()) {
                screen.getElement().executeJs(
                        "import(new URL($0, document.baseURI).href).then(m => m[$1](this, $2, $3))",
                        kind == ConsoleKind.VM_SCREEN ? SCREEN_MODULE : MODULE,
                        kind == ConsoleKind.VM_SCREEN ? "openScreen" : "openTerminal", socket, status.getElement());
            } else {
                screen.getElement().executeJs("this.gureumConsole && this.gureumConsole.close()");
            }
        });
    }

    /** Full screen, Ctrl-Alt-Del, and text typed as key presses (a guest's screen has no clipboard to paste into). */
    private HorizontalLayout screenControls() {
        Button fullScreen = new Button("Full screen");
        fullScreen.setId("console-full-screen");
        // In the browser's own click handler: full screen needs the click's user activation.
        fullScreen.getElement().executeJs("this.addEventListener('click', () => $0.requestFullscreen())",
                screen.getElement());
        Button ctrlAltDel = new Button("Ctrl-Alt-Del",
                click -> screen.getElement().executeJs("this.gureumConsole && this.gureumConsole.ctrlAltDel()"));
        ctrlAltDel.setId("console-ctrl-alt-del");
        TextField text = new TextField();
        text.setId("console-paste-text");
        text.setPlaceholder("Text to type into the VM");
        text.setClearButtonVisible(true);
        Button type = new Button("Type it", click -> {
            screen.getElement().executeJs("this.gureumConsole && this.gureumConsole.type($0)", text.getValue());
            text.clear();
        });
        type.setId("console-paste");
        HorizontalLayout controls = new HorizontalLayout(fullScreen, ctrlAltDel, text, type);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        return controls;
    }
}
