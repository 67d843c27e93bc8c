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
 * @param unknownFields fields the request does not have: refused, never ignored
 */
record NewVmRequest(String name, Long projectId, String imageId, Integer vcpus, Long memoryMib, UUID hostId,
                    String network,
                    @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

    NewVm toNewVm() {
        InvalidParameters.requireNoUnknownFields(unknownFields);
        if (projectId == null) {
            throw new InvalidParameters(List.of(Map.of("field", "projectId", "message", "Required.")));
        }
        return new NewVm(name, projectId, imageId, vcpus == null ? 0 : vcpus, memoryMib == null ? 0 : memoryMib,
                hostId, network);
    }
}
