package io.gureum.console.vm;

import io.gureum.console.system.Audited;
import io.gureum.console.system.LiveUpdate;
import java.util.UUID;

/** What happens to VMs, published for the audit log and live views. */
public final class VmEvents {

    private VmEvents() {
    }

    /** A user asked for something to be done to a VM (create, start, shutdown, force-off, delete). */
    public record VmActionRequested(UUID vmId, String name, Long projectId, String action, String detail)
            implements Audited {
        @Override
        public String target() {
            return "vm " + name;
        }
    }

    /** Provisioning or an action ended; {@code ok} false carries the reason. */
    public record VmActionFinished(UUID vmId, String name, Long projectId, String action, boolean ok, String detail)
            implements Audited {
        @Override
        public String action() {
            return action + (ok ? ".succeeded" : ".failed");
        }

        @Override
        public boolean failed() {
            return !ok;
        }

        @Override
        public String target() {
            return "vm " + name;
        }
    }

    /** An administrator adopted a domain made by hand on a host into a project ("vm.adopt"). */
    public record VmAdopted(UUID vmId, String name, Long projectId, String detail) implements Audited {
        @Override
        public String action() {
            return "vm.adopt";
        }

        @Override
        public String target() {
            return "vm " + name;
        }
    }

    /** The observed state of a VM changed (from hypervisor events or a resync). */
    public record VmStateChanged(UUID vmId, Long projectId, VmStatus from, VmStatus to, String reason)
            implements LiveUpdate {
    }
}
