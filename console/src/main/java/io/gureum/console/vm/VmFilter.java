package io.gureum.console.vm;

import java.util.UUID;

/**
 * What the VM list is narrowed to; every field null (or blank) means "any".
 *
 * @param nameContains part of the VM's name, case-insensitive
 */
public record VmFilter(Long projectId, VmStatus state, UUID hostId, String nameContains) {

    public static final VmFilter ANY = new VmFilter(null, null, null, null);

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
