package io.gureum.console.quota;

import io.gureum.console.system.Audited;

/** An administrator changed a project's limits. */
public record QuotaChanged(Long projectId, ResourceAmounts from, ResourceAmounts to) implements Audited {
    public String action() { return "quota.changed"; }
    public String target() { return "quota of project " + projectId; }
    public String detail() { return from + " -> " + to; }
}
