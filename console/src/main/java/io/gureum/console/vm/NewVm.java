package io.gureum.console.vm;

import java.util.UUID;

/**
 * A request to create a VM.
 *
 * @param hostId  a host chosen by an administrator, or null for automatic placement
 * @param network the libvirt network of its NIC, one of {@code gureum.vms.networks}; null for the first of them
 */
public record NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId,
                    String network) {

    /** On the default network (the first of {@code gureum.vms.networks}). */
    public NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId) {
        this(name, projectId, imageId, vcpus, memoryMib, hostId, null);
    }
}
