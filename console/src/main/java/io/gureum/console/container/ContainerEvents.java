package io.gureum.console.container;

import io.gureum.console.system.Audited;
import io.gureum.console.system.LiveUpdate;
import java.util.UUID;

/** What happens to containers, published for the audit log and live views. */
public final class ContainerEvents {

    private ContainerEvents() {
    }

    /** A user asked for something to be done to a container (create, start, stop, restart, delete). */
    public record ContainerActionRequested(UUID containerId, String name, Long projectId, String action,
                                           String detail) implements Audited {
        @Override
        public String target() {
            return "container " + name;
        }
    }

    /** Creation or an action ended; {@code ok} false carries the reason. */
    public record ContainerActionFinished(UUID containerId, String name, Long projectId, String action, boolean ok,
                                          String detail) implements Audited {
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
            return "container " + name;
        }
    }

    /** The observed state of a container changed (from engine events or a resync). */
    public record ContainerStateChanged(UUID containerId, Long projectId, ContainerStatus from, ContainerStatus to,
                                        String reason) implements LiveUpdate {
    }

    /** An administrator adopted a container made by hand on an engine into a project ("container.adopt"). */
    public record ContainerAdopted(UUID containerId, String name, Long projectId, String detail) implements Audited {
        @Override
        public String action() {
            return "container.adopt";
        }

        @Override
        public String target() {
            return "container " + name;
        }
    }
}
