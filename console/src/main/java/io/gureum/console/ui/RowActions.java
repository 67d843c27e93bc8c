package io.gureum.console.ui;

import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;

/**
 * A table row's actions behind one "⋮" button: a row of buttons made tables wider than a laptop screen.
 * Items that do not apply to the row's state are shown disabled, so the list never changes shape.
 */
public final class RowActions extends MenuBar {

    /** The text of the one button a row shows. */
    public static final String OPEN = "⋮";

    private final MenuItem open;

    /** @param label what a screen reader says for the button, e.g. "Actions for web-1" */
    public RowActions(String label) {
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
        open = addItem(OPEN);
        open.setAriaLabel(label);
        open.setTooltipText("Actions");
        open.getStyle().set("font-weight", "bold");
    }

    /** Adds an action; a disabled one stays listed. */
    public MenuItem action(String text, boolean enabled, Runnable action) {
        MenuItem item = open.getSubMenu().addItem(text, click -> action.run());
        item.setEnabled(enabled);
        return item;
    }

    /** Adds an action that destroys something, shown in the error colour. */
    public MenuItem dangerous(String text, boolean enabled, Runnable action) {
        MenuItem item = action(text, enabled, action);
        item.getStyle().set("color", enabled ? "var(--lumo-error-text-color)" : null);
        return item;
    }
}
