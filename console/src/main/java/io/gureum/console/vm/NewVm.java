package io.gureum.console.vm;

import java.util.List;
import java.util.UUID;

/**
 * A request to create a VM.
 *
 * @param hostId    a host chosen by an administrator, or null for automatic placement
 * @param network   the libvirt network of its NIC, one of {@code gureum.vms.networks}; null for the first of them
 * @param cloudInit what a VM from a cloud-init image gets (hostname, keys, disk, user data); null for the defaults
 */
public record NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId,
                    String network, CloudInit cloudInit) {

    /** Without cloud-init settings. */
    public NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId, String network) {
        this(name, projectId, imageId, vcpus, memoryMib, hostId, network, null);
    }

    /** On the default network (the first of {@code gureum.vms.networks}). */
    public NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId) {
        this(name, projectId, imageId, vcpus, memoryMib, hostId, null, null);
    }

    /**
     * The server settings of a VM from a cloud-init image.
     *
     * @param hostname  the guest's host name; null or blank for the VM's name
     * @param sshKeyIds ids of the caller's own SSH keys (at least one) given to the image's default user
     * @param diskGib   the root disk's size, at least the image's smallest; null for that smallest size
     * @param userData  optional cloud-config YAML, starting with {@code #cloud-config}
     */
    public record CloudInit(String hostname, List<Long> sshKeyIds, Integer diskGib, String userData) {

        public CloudInit {
            sshKeyIds = sshKeyIds == null ? List.of() : List.copyOf(sshKeyIds);
        }

        boolean isEmpty() {
            return (hostname == null || hostname.isBlank()) && sshKeyIds.isEmpty() && diskGib == null
                    && (userData == null || userData.isBlank());
        }
    }
}
