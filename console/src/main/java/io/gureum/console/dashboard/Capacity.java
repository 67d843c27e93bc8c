package io.gureum.console.dashboard;

import io.gureum.console.quota.ResourceUse;
import java.util.List;

/**
 * What is allocated on a host (or on the whole cloud) against what it has.
 *
 * @param name    the host's name, or "Whole cloud"
 * @param status  how the host is ("up", "maintenance", "unreachable since ..."), or how many hosts were summed
 * @param cpus    physical CPUs; vCPU capacity is these times the placement overcommit ratio
 * @param vcpus   allocated vCPUs against the vCPU capacity placement allows
 * @param memory  allocated memory (MiB) against the memory the host has
 * @param storage used storage (GiB) against the storage pool's capacity
 */
public record Capacity(String name, String status, int cpus, ResourceUse vcpus, ResourceUse memory,
                       ResourceUse storage) {

    public List<ResourceUse> resources() {
        return List.of(vcpus, memory, storage);
    }
}
