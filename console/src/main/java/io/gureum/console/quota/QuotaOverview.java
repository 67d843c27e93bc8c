package io.gureum.console.quota;

import io.gureum.console.project.ProjectSummary;

/** A project the caller can see, with its limits. */
public record QuotaOverview(ProjectSummary project, ResourceAmounts limits) {
}
