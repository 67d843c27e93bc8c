package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadEvents;
import io.gureum.console.workload.WorkloadKind;
import java.util.UUID;

/** What happens to VMs, published for the audit log and live views (see {@link WorkloadEvents}). */
public final class VmEvents {

    private VmEvents() {
    }

    /** An event about a VM. */
    interface VmEvent extends WorkloadEvents.Event {
        @Override
        default WorkloadKind kind() {
            return WorkloadKind.VM;
        }
    }

    /** A user asked for something to be done to a VM (create, start, shutdown, force-off, delete). */
    public record VmActionRequested(UUID vmId, String name, Long projectId, String action, String detail)
            implements VmEvent, WorkloadEvents.About {
    }

    /** Provisioning or an action ended; {@code ok} false carries the reason. */
    public record VmActionFinished(UUID vmId, String name, Long projectId, String asked, boolean ok, String detail)
            implements VmEvent, WorkloadEvents.Finished {
    }

    /** An administrator adopted a domain made by hand on a host into a project ("vm.adopt"). */
    public record VmAdopted(UUID vmId, String name, Long projectId, String detail)
            implements VmEvent, WorkloadEvents.Adopted {
    }

    /** The observed state of a VM changed (from hypervisor events or a resync). */
    public record VmStateChanged(UUID vmId, Long projectId, VmStatus from, VmStatus to, String reason)
            implements VmEvent, WorkloadEvents.StateChanged {
        @Override
        public UUID workloadId() {
            return vmId;
        }
    }
}
