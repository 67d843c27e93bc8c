package io.gureum.console.api;

import io.gureum.console.vm.VmSummary;
import java.time.Instant;
import java.util.UUID;

/** A VM as the API shows it: its own record, so that changes inside the console do not change the API. */
record VmResource(UUID id, String name, long projectId, String owner, UUID hostId, String hostName, String imageId,
                  int vcpus, long memoryMib, int diskGib, String state, String stateReason, String errorMessage,
                  String desiredState, String restartPolicy, Instant createdAt, Instant updatedAt)
        implements ApiWorkload {

    static VmResource of(VmSummary vm) {
        return new VmResource(vm.id(), vm.name(), vm.projectId(), vm.owner(), vm.hostId(), vm.hostName(),
                vm.imageId(), vm.vcpus(), vm.memoryMib(), vm.diskGib(), vm.state().name(), vm.stateReason(),
                vm.errorMessage(), vm.desiredState() == null ? null : vm.desiredState().name(),
                vm.restartPolicy() == null ? null : vm.restartPolicy().name(), vm.createdAt(), vm.updatedAt());
    }
}
