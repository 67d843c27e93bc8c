package io.gureum.console.workload;

import java.util.Locale;

/** The kinds of workload the console manages. */
public enum WorkloadKind {
    VM("VM", "vm", "vms"),
    CONTAINER("Container", "container", "containers");

    private final String label;
    private final String targetType;
    private final String route;

    WorkloadKind(String label, String targetType, String route) {
        this.label = label;
        this.targetType = targetType;
        this.route = route;
    }

    /** How an operator names the kind ("VM", "Container"). */
    public String label() {
        return label;
    }

    /** The kind's name in tasks, audit entries and actions ("vm", "container"). */
    public String targetType() {
        return targetType;
    }

    /** The console route of the kind's list; a workload's page is {@code route/id}. */
    public String route() {
        return route;
    }

    /** How a sentence names the kind ("a VM", "a container"): the label, lower-case unless an acronym. */
    public String noun() {
        return label.equals(label.toUpperCase(Locale.ROOT)) ? label : label.toLowerCase(Locale.ROOT);
    }
}
