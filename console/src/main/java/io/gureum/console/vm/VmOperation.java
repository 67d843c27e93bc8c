package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadOperation;
import java.util.UUID;

/** A VM action that was accepted: the VM as it is now and the task that carries the action out. */
public record VmOperation(VmSummary vm, UUID taskId) implements WorkloadOperation<VmSummary> {

    @Override
    public VmSummary workload() {
        return vm;
    }
}
