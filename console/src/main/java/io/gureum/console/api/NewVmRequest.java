package io.gureum.console.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.gureum.console.vm.NewVm;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of a VM create, as {@link NewVm}: the facade checks every field and says what is wrong with its own words.
 *
 * @param hostId  a host chosen by an administrator, or null for automatic placement
 * @param network the libvirt network of its NIC; null for the default
 * @param hostname  for a cloud-init image: the guest's host name (null: the VM's name)
 * @param sshKeyIds for a cloud-init image: ids of your own SSH keys (at least one) for the image's default user
 * @param diskGib   for a cloud-init image: the root disk in GiB (null: the image's smallest)
 * @param userData  for a cloud-init image: optional cloud-config YAML starting with {@code #cloud-config}, 64 KiB
 * @param unknownFields fields the request does not have: refused, never ignored
 */
record NewVmRequest(String name, Long projectId, String imageId, Integer vcpus, Long memoryMib, UUID hostId,
                    String network,
                    @Schema(description = "Cloud-init images: the guest's host name; the VM's name when left out")
                    String hostname,
                    @Schema(description = "Cloud-init images: ids of your own SSH keys (GET "
                            + "/api/v1/me/ssh-keys), at least one")
                    List<Long> sshKeyIds,
                    @Schema(description = "Cloud-init images: the root disk in GiB, at least the image's smallest")
                    Integer diskGib,
                    @Schema(description = "Cloud-init images: cloud-config YAML starting with #cloud-config, at most "
                            + "64 KiB")
                    String userData,
                    @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

    NewVm toNewVm() {
        InvalidParameters.requireNoUnknownFields(unknownFields);
        if (projectId == null) {
            throw new InvalidParameters(List.of(Map.of("field", "projectId", "message", "Required.")));
        }
        NewVm.CloudInit cloudInit = hostname == null && sshKeyIds == null && diskGib == null && userData == null
                ? null : new NewVm.CloudInit(hostname, sshKeyIds, diskGib, userData);
        return new NewVm(name, projectId, imageId, vcpus == null ? 0 : vcpus, memoryMib == null ? 0 : memoryMib,
                hostId, network, cloudInit);
    }
}
