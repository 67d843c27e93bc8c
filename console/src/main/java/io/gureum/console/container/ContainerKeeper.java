package io.gureum.console.container;

import io.gureum.console.workload.RestartPolicyKeeper;
import io.gureum.console.workload.WorkloadKind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the console's promise for containers with restart policy "always": the engine restarts one whose
 * process ends, but not one stopped by hand on the host ({@code podman stop}); when such a container is seen
 * stopped although its owner wanted it running, it is started again, as the user "system", and audited. A
 * stop asked for in the console is respected.
 */
@Component
class ContainerKeeper {

    private final ContainerService containers;

    ContainerKeeper(ContainerService containers) {
        this.containers = containers;
    }

    @EventListener
    void stateChanged(ContainerEvents.ContainerStateChanged changed) {
        if (changed.to() != ContainerStatus.STOPPED && changed.to() != ContainerStatus.EXITED) {
            return;
        }
        RestartPolicyKeeper.keep(WorkloadKind.CONTAINER, changed.containerId(), changed.to(), changed.reason(),
                (id, why) -> containers.restartByPolicy(id, why).map(started -> started.container().name()));
    }
}
