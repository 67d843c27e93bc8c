package io.gureum.console.workload;

import java.util.UUID;

/** An accepted action on a workload of any kind: the workload as it is now and the task that carries it out. */
public interface WorkloadOperation<W extends WorkloadSummary> {

    W workload();

    UUID taskId();
}
