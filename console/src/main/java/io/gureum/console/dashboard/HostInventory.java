package io.gureum.console.dashboard;

/**
 * What runs on one host: what the console manages and what was made there by hand (domains and containers no
 * console row knows, candidates for adoption). The line from hand-managed servers to a console-driven cloud.
 *
 * @param unmanagedVms        domains without the console's metadata that no VM row holds, or -1 when the host
 *                            did not answer the listing
 * @param unmanagedContainers the same for containers, or -1 (also when the host has no container engine)
 */
public record HostInventory(String host, long managedVms, long unmanagedVms, long managedContainers,
                            long unmanagedContainers) {
}
