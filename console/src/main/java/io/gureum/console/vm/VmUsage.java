package io.gureum.console.vm;

import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.quota.UsageSource;
import org.springframework.stereotype.Component;

/** What a project's VMs use of its quota, counting those still provisioning (read under the quota lock). */
@Component
class VmUsage implements UsageSource {

    private final VirtualMachineRepository vms;

    VmUsage(VirtualMachineRepository vms) {
        this.vms = vms;
    }

    @Override
    public ResourceAmounts usage(long projectId) {
        Object[] row = vms.usage(projectId).getFirst();
        return new ResourceAmounts(((Number) row[0]).intValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).intValue(), ((Number) row[3]).intValue(), 0, 0, 0);
    }

    /** One grouped query over every project's VMs (one table scan, not one index walk per project). */
    @Override
    public java.util.Map<Long, ResourceAmounts> usage(java.util.Collection<Long> projectIds) {
        java.util.Set<Long> wanted = new java.util.HashSet<>(projectIds);
        java.util.Map<Long, ResourceAmounts> result = new java.util.HashMap<>();
        for (Object[] row : vms.usageByProject()) {
            long projectId = ((Number) row[0]).longValue();
            if (wanted.contains(projectId)) {
                result.put(projectId, new ResourceAmounts(((Number) row[1]).intValue(), ((Number) row[2]).longValue(),
                        ((Number) row[3]).intValue(), ((Number) row[4]).intValue(), 0, 0, 0));
            }
        }
        return result;
    }
}
