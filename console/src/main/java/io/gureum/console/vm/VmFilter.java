package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadFilter;
import java.util.UUID;

/**
 * What the VM list is narrowed to; every field null (or blank) means "any".
 *
 * @param nameContains part of the VM's name, case-insensitive
 */
public record VmFilter(Long projectId, VmStatus state, UUID hostId, String nameContains) {

    public static final VmFilter ANY = new VmFilter(null, null, null, null);

    /** The same narrowing in the words every kind shares; null means any. */
    public static VmFilter of(WorkloadFilter<VmStatus> filter) {
        return filter == null ? ANY
                : new VmFilter(filter.projectId(), filter.state(), filter.hostId(), filter.nameContains());
    }

    public VmFilter withProject(Long project) {
        return new VmFilter(project, state, hostId, nameContains);
    }

    public VmFilter withState(VmStatus wanted) {
        return new VmFilter(projectId, wanted, hostId, nameContains);
    }

    public VmFilter withHost(UUID host) {
        return new VmFilter(projectId, state, host, nameContains);
    }

    public VmFilter withName(String part) {
        return new VmFilter(projectId, state, hostId, part);
    }
}
