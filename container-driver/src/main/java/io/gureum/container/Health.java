package io.gureum.container;

import java.time.Instant;

/**
 * Current health of a container and who judged it: the engine's own checker or the driver's
 * (where the engine runs no checks, e.g. Podman without systemd timers).
 */
public record Health(HealthStatus status, int failingStreak, String lastOutput, Instant lastCheck, Source source) {
    /** Who ran the checks. */
    public enum Source { NONE, ENGINE, DRIVER }

    public static final Health NONE = new Health(HealthStatus.NONE, 0, null, null, Source.NONE);
}
