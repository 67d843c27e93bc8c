package io.gureum.container;

import java.util.Locale;

/** Engine state of a container, as the Docker Engine API names it. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, REMOVING, UNKNOWN;

    public static ContainerState fromApiName(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "created", "configured", "initialized" -> CREATED;
            case "running" -> RUNNING;
            case "paused" -> PAUSED;
            case "restarting" -> RESTARTING;
            case "exited", "stopped" -> EXITED;
            case "dead" -> DEAD;
            case "removing" -> REMOVING;
            default -> UNKNOWN;
        };
    }
}
