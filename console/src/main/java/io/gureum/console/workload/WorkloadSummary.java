package io.gureum.console.workload;

import java.time.Instant;
import java.util.UUID;

/** What every workload shows, whatever its kind: the read side the shared grid, pages and listings use. */
public interface WorkloadSummary {

    WorkloadKind kind();

    UUID id();

    String name();

    long projectId();

    String owner();

    /** Null while it is not placed. */
    UUID hostId();

    String hostName();

    /** The kind's own state (a VmStatus, a ContainerStatus). */
    WorkloadStatus state();

    default WorkloadState workloadState() {
        return state().toWorkloadState();
    }

    String stateReason();

    String errorMessage();

    Instant createdAt();

    Instant updatedAt();
}
