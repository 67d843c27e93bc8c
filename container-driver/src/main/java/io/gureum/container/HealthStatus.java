package io.gureum.container;

import java.util.Locale;

/** Outcome of a container's health check. NONE means the container has no check. */
public enum HealthStatus {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    public static HealthStatus fromApiName(String status) {
        if (status == null || status.isEmpty()) {
            return NONE;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "starting" -> STARTING;
            case "healthy" -> HEALTHY;
            case "unhealthy" -> UNHEALTHY;
            default -> NONE;
        };
    }
}
