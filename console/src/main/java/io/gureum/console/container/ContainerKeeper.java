package io.gureum.console.container;

import io.gureum.console.system.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ContainerKeeper.class);

    private final ContainerService containers;

    ContainerKeeper(ContainerService containers) {
        this.containers = containers;
    }

    @EventListener
    void stateChanged(ContainerEvents.ContainerStateChanged changed) {
        if (changed.to() != ContainerStatus.STOPPED && changed.to() != ContainerStatus.EXITED) {
            return;
        }
        SystemActor.run(() -> {
            try {
                containers.restartByPolicy(changed.containerId(), "it became " + changed.to().name().toLowerCase()
                        + " without a console action" + (changed.reason() == null ? "" : ": " + changed.reason()))
                        .ifPresent(started -> log.info("Container {} stopped without a console action; starting it "
                                + "again (restart policy always).", started.container().name()));
            } catch (RuntimeException e) {
                log.warn("could not restart container {} by policy: {}", changed.containerId(), e.getMessage());
            }
        });
    }
}
