package io.gureum.console.workload;

import io.gureum.console.system.Audited;
import io.gureum.console.system.LiveUpdate;
import java.util.UUID;

/**
 * What the events of every kind share, written once: how the audit log names the workload and an action's outcome,
 * and what a state change says. A kind's event records (VmEvents, ContainerEvents) say only their fields.
 */
public final class WorkloadEvents {

    private WorkloadEvents() {
    }

    /** An event about a workload of one kind. */
    public interface Event {
        WorkloadKind kind();
    }

    /** An audited event about one workload, whose target reads "kind name" ("vm web", "container cache"). */
    public interface About extends Event, Audited {
        String name();

        @Override
        default String target() {
            return kind().targetType() + " " + name();
        }
    }

    /** Creation or an action ended: {@code asked} ("vm.start") and its outcome; {@code ok} false carries the reason. */
    public interface Finished extends About {
        String asked();

        boolean ok();

        @Override
        default String action() {
            return asked() + (ok() ? ".succeeded" : ".failed");
        }

        @Override
        default boolean failed() {
            return !ok();
        }
    }

    /** An administrator adopted a workload made by hand on a host into a project ("vm.adopt"). */
    public interface Adopted extends About {
        @Override
        default String action() {
            return kind().targetType() + ".adopt";
        }
    }

    /** The observed state of a workload changed (from its host's events or a resync). */
    public interface StateChanged extends Event, LiveUpdate {
        UUID workloadId();

        WorkloadStatus to();

        String reason();
    }
}
