package io.gureum.console.container;

import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.quota.UsageSource;
import org.springframework.stereotype.Component;

/**
 * What a project's containers use of its quota, counting those still provisioning (read under the
 * quota lock). CPUs count whole per container: 0.5 CPU uses 1 of the quota.
 */
@Component
class ContainerUsage implements UsageSource {

    private final ContainerRepository containers;

    ContainerUsage(ContainerRepository containers) {
        this.containers = containers;
    }

    @Override
    public ResourceAmounts usage(long projectId) {
        Object[] row = containers.usage(projectId).getFirst();
        int cpus = containers.millicpusInUse(projectId).stream().mapToInt(m -> (m + 999) / 1000).sum();
        return new ResourceAmounts(0, 0, 0, 0, ((Number) row[0]).intValue(), cpus, ((Number) row[2]).longValue());
    }
}
