package io.gureum.console.quota;

import io.gureum.console.system.Audited;

/** An administrator changed a project's limits. */
public record QuotaChanged(Long projectId, String projectName, ResourceAmounts from, ResourceAmounts to)
        implements Audited {
    public String action() { return "quota.changed"; }
    /** "quota of team-a": the project by name, as people search the audit log for it (its id is in its own column). */
    public String target() { return "quota of " + projectName; }
    public String detail() { return from + " -> " + to; }
}
