package io.gureum.console.quota;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;

/**
 * One resource's usage against its limit: a bar and "used / limit" text. The bar turns red above the limit
 * and dark (contrast) from 80 % of it. Shared by the projects view and the dashboard.
 */
public class UsageBar extends Div {

    private final ProgressBar bar = new ProgressBar(0, 1);
    private final Span text = new Span();

    public UsageBar(ResourceUse use) {
        addClassName("usage-bar");
        getStyle().set("min-width", "8em");
        bar.setValue(use.fraction());
        bar.getStyle().set("margin", "var(--lumo-space-xs) 0");
        if (use.over()) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        } else if (use.near()) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_CONTRAST);
        }
        text.setText(use.text());
        text.addClassName("usage-text");
        text.getStyle().set("font-size", "var(--lumo-font-size-xs)")
                .set("color", use.over() ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
        add(bar, text);
    }

    public ProgressBar bar() {
        return bar;
    }

    public String text() {
        return text.getText();
    }

    /** "over quota" (red) or "near quota" (contrast) badge for a project, or null when it has room. */
    public static Span badge(QuotaOverview row) {
        if (row.overQuota()) {
            Span badge = new Span("over quota");
            badge.getElement().getThemeList().add("badge error");
            badge.setTitle("Usage is above a limit that was lowered: new resources are refused until usage drops.");
            badge.addClassName("quota-badge");
            return badge;
        }
        if (row.nearQuota()) {
            Span badge = new Span("near quota");
            badge.getElement().getThemeList().add("badge contrast");
            badge.setTitle("At least 80 % of a limit is used.");
            badge.addClassName("quota-badge");
            return badge;
        }
        return null;
    }
}
