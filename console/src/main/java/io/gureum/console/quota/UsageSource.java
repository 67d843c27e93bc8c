package io.gureum.console.quota;

/**
 * Tells the quota check how much of a project's quota some kind of resource uses, counted from its rows
 * (including resources still provisioning). The VM and container features will implement this; until they
 * exist there is no usage.
 */
public interface UsageSource {

    ResourceAmounts usage(long projectId);

    /**
     * The usage of several projects at once (the quota overview of every project); sources with many rows
     * answer with one grouped query instead of one per project. Projects without resources may be absent.
     */
    default java.util.Map<Long, ResourceAmounts> usage(java.util.Collection<Long> projectIds) {
        java.util.Map<Long, ResourceAmounts> result = new java.util.HashMap<>();
        for (Long projectId : projectIds) {
            result.put(projectId, usage(projectId));
        }
        return result;
    }
}
