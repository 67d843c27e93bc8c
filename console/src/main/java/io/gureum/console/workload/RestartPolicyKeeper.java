package io.gureum.console.workload;

import io.gureum.console.system.SystemActor;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console's promise for workloads with a restart policy that says "always", the same for every kind: one
 * seen stopped (or crashed, or exited) without a console action is started again as the user "system", and the
 * restart is audited by the kind's start. The kind says which states trigger it and how to start one by policy
 * (which respects a stop asked for in the console).
 */
public final class RestartPolicyKeeper {

    private static final Logger log = LoggerFactory.getLogger(RestartPolicyKeeper.class);

    private RestartPolicyKeeper() {
    }

    /**
     * Starts the workload again by its policy when it became {@code to} without a console action.
     *
     * @param restartByPolicy the kind's restart by policy: id and why, the name of the started workload if it was
     */
    public static void keep(WorkloadKind kind, UUID id, Enum<?> to, String reason,
                            BiFunction<UUID, String, Optional<String>> restartByPolicy) {
        SystemActor.run(() -> {
            try {
                restartByPolicy.apply(id, "it became " + to.name().toLowerCase() + " without a console action"
                                + (reason == null ? "" : ": " + reason))
                        .ifPresent(name -> log.info("{} {} stopped without a console action; starting it again "
                                + "(restart policy always).", kind.label(), name));
            } catch (RuntimeException e) {
                log.warn("could not restart {} {} by policy: {}", kind.targetType(), id, e.getMessage());
            }
        });
    }
}
