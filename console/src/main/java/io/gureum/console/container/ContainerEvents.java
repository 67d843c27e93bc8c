package io.gureum.console.container;

import io.gureum.console.workload.WorkloadEvents;
import io.gureum.console.workload.WorkloadKind;
import java.util.UUID;

/** What happens to containers, published for the audit log and live views (see {@link WorkloadEvents}). */
public final class ContainerEvents {

    private ContainerEvents() {
    }

    /** An event about a container. */
    interface ContainerEvent extends WorkloadEvents.Event {
        @Override
        default WorkloadKind kind() {
            return WorkloadKind.CONTAINER;
        }
    }

    /** A user asked for something to be done to a container (create, start, stop, restart, delete). */
    public record ContainerActionRequested(UUID containerId, String name, Long projectId, String action,
                                           String detail) implements ContainerEvent, WorkloadEvents.About {
    }

    /** Creation or an action ended; {@code ok} false carries the reason. */
    public record ContainerActionFinished(UUID containerId, String name, Long projectId, String asked, boolean ok,
                                          String detail) implements ContainerEvent, WorkloadEvents.Finished {
    }

    /** The observed state of a container changed (from engine events or a resync). */
    public record ContainerStateChanged(UUID containerId, Long projectId, ContainerStatus from, ContainerStatus to,
                                        String reason) implements ContainerEvent, WorkloadEvents.StateChanged {
        @Override
        public UUID workloadId() {
            return containerId;
        }
    }

    /** An administrator adopted a container made by hand on an engine into a project ("container.adopt"). */
    public record ContainerAdopted(UUID containerId, String name, Long projectId, String detail)
            implements ContainerEvent, WorkloadEvents.Adopted {
    }
}
