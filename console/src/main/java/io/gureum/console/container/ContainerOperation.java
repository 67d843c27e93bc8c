package io.gureum.console.container;

import io.gureum.console.workload.WorkloadOperation;
import java.util.UUID;

/** A container action that was accepted: the container as it is now and the task that carries it out. */
public record ContainerOperation(ContainerSummary container, UUID taskId)
        implements WorkloadOperation<ContainerSummary> {

    @Override
    public ContainerSummary workload() {
        return container;
    }
}
