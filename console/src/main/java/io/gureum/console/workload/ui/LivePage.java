package io.gureum.console.workload.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.shared.Registration;

/** A page that follows live updates while it is attached and stops when it is detached. */
public abstract class LivePage extends Main {

    /** How often an open workload page polls for what no event reports (task progress, ages). */
    public static final int POLL_MILLIS = 2_000;

    private Registration updates;

    protected LivePage() {
        getStyle().set("padding", "var(--lumo-space-m)");
    }

    /** Starts following: a poll and the live updates the page shows (see {@link io.gureum.console.ui.LiveUpdates}). */
    protected abstract Registration follow(UI ui);

    @Override
    protected void onAttach(AttachEvent event) {
        updates = follow(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (updates != null) {
            updates.remove();
            updates = null;
        }
    }
}
