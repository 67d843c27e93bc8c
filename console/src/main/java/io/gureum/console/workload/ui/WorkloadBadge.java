package io.gureum.console.workload.ui;

import com.vaadin.flow.component.html.Span;
import io.gureum.console.workload.WorkloadState;
import io.gureum.console.workload.WorkloadSummary;

/** A workload's state as a coloured badge, its reason as the tooltip. */
public final class WorkloadBadge {

    private WorkloadBadge() {
    }

    /** The badge of {@code workload}; {@code reason} (the state's reason in words) is its tooltip when given. */
    public static Span of(WorkloadSummary workload, String reason) {
        Span badge = new Span(label(workload.workloadState()));
        badge.getElement().getThemeList().add(theme(workload.workloadState()));
        if (workload.stateReason() != null) {
            badge.setTitle(reason);
        }
        return badge;
    }

    /** "running", "stopped", ... */
    public static String label(WorkloadState state) {
        return state.name().toLowerCase();
    }

    /** The Lumo badge theme of a state: green running, red failed or crashed, grey unknown. */
    public static String theme(WorkloadState state) {
        return switch (state) {
            case RUNNING -> "badge success";
            case ERROR, CRASHED -> "badge error";
            case UNKNOWN -> "badge contrast";
            default -> "badge";
        };
    }
}
