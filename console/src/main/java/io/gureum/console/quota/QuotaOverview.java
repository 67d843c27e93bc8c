package io.gureum.console.quota;

import io.gureum.console.project.ProjectSummary;
import java.util.List;

/** A project the caller can see, with its limits and what its resources use of them. */
public record QuotaOverview(ProjectSummary project, ResourceAmounts limits, ResourceAmounts usage) {

    /** Usage against each limit, in the quota's order. */
    public List<ResourceUse> resources() {
        return ResourceUse.of(usage, limits);
    }

    /** Some usage is above its limit (an administrator lowered it): new resources are refused. */
    public boolean overQuota() {
        return resources().stream().anyMatch(ResourceUse::over);
    }

    /** Some usage is at least 80 % of its limit, or above it. */
    public boolean nearQuota() {
        return resources().stream().anyMatch(ResourceUse::near);
    }
}
