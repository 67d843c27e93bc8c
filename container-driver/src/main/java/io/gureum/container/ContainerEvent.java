package io.gureum.container;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a container, from the engine's event stream or (for
 * {@link Type#HEALTH} on engines that run no checks) from the driver's own health checker.
 *
 * @param action     the engine's raw action word, e.g. "health_status: healthy"
 * @param exitCode   for DIE events, when the engine reports it
 * @param health     for HEALTH events
 * @param attributes the engine's actor attributes (labels, image, name)
 */
public record ContainerEvent(
        Type type,
        String containerId,
        String containerName,
        Instant time,
        String action,
        Integer exitCode,
        HealthStatus health,
        Map<String, String> attributes) {

    /** Typed container event kinds; OTHER keeps the raw action. */
    public enum Type { CREATE, START, DIE, STOP, KILL, OOM, HEALTH, PAUSE, UNPAUSE, RESTART, REMOVE, OTHER }

    public Ownership ownership() {
        return Ownership.fromLabels(attributes);
    }
}
