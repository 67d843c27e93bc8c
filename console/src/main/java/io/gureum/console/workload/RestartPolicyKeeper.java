package io.gureum.console.workload;

import io.gureum.console.system.SystemActor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the console's promise for workloads with a restart policy that says "always", the same for every kind: one
 * seen stopped (or crashed, or exited) without a console action is started again as the user "system", and the
 * restart is audited by the kind's start. The kind's adapter starts one by policy, which respects a stop asked for
 * in the console (an engine restarts a container whose process ends, but not one stopped by hand on the host).
 */
@Component
public class RestartPolicyKeeper {

    private static final Logger log = LoggerFactory.getLogger(RestartPolicyKeeper.class);
    /** The states a workload reaches without a console action that its policy may undo (CRASHED a VM's, EXITED a container's). */
    private static final Set<WorkloadState> RESTARTED = Set.of(WorkloadState.STOPPED, WorkloadState.CRASHED,
            WorkloadState.EXITED);

    private final Map<WorkloadKind, WorkloadAdapter> adapters;

    RestartPolicyKeeper(List<WorkloadAdapter> adapters) {
        this.adapters = adapters.stream().collect(Collectors.toMap(WorkloadAdapter::kind, Function.identity()));
    }

    @EventListener
    public void stateChanged(WorkloadEvents.StateChanged changed) {
        WorkloadAdapter adapter = adapters.get(changed.kind());
        if (adapter == null || !RESTARTED.contains(changed.to().toWorkloadState())) {
            return;
        }
        String why = "it became " + changed.to().name().toLowerCase() + " without a console action"
                + (changed.reason() == null ? "" : ": " + changed.reason());
        SystemActor.run(() -> {
            try {
                adapter.restartByPolicy(changed.workloadId(), why)
                        .ifPresent(name -> log.info("{} {} stopped without a console action; starting it again "
                                + "(restart policy always).", changed.kind().label(), name));
            } catch (RuntimeException e) {
                log.warn("could not restart {} {} by policy: {}", changed.kind().targetType(), changed.workloadId(),
                        e.getMessage());
            }
        });
    }
}
