package io.gureum.console.quota;

/**
 * Tells the quota check how much of a project's quota some kind of resource uses, counted from its rows
 * (including resources still provisioning). The VM and container features will implement this; until they
 * exist there is no usage.
 */
public interface UsageSource {

    ResourceAmounts usage(long projectId);
}
