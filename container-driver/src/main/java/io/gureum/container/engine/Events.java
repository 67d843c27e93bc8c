package io.gureum.container.engine;

import com.github.dockerjava.api.model.Event;
import io.gureum.container.ContainerEvent;
import io.gureum.container.HealthStatus;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Engine events to typed {@link ContainerEvent}s; Podman and Docker name them alike, with a few extras. */
final class Events {
    private Events() {
    }

    static ContainerEvent of(Event e) {
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        action = action == null ? "" : action;
        Map<String, String> attrs = e.getActor() != null && e.getActor().getAttributes() != null
                ? Map.copyOf(e.getActor().getAttributes()) : Map.of();
        String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
        Instant time = e.getTimeNano() != null && e.getTimeNano() > 0
                ? Instant.ofEpochSecond(0, e.getTimeNano())
                : e.getTime() != null ? Instant.ofEpochSecond(e.getTime()) : Instant.now();
        HealthStatus health = null;
        ContainerEvent.Type type;
        String a = action.toLowerCase(Locale.ROOT);
        if (a.startsWith("health_status")) {
            type = ContainerEvent.Type.HEALTH;
            health = HealthStatus.fromApiName(a.substring(a.indexOf(':') + 1).trim());
        } else {
            type = switch (a) {
                case "create" -> ContainerEvent.Type.CREATE;
                case "start" -> ContainerEvent.Type.START;
                case "die", "died" -> ContainerEvent.Type.DIE;
                case "stop" -> ContainerEvent.Type.STOP;
                case "kill" -> ContainerEvent.Type.KILL;
                case "oom" -> ContainerEvent.Type.OOM;
                case "pause" -> ContainerEvent.Type.PAUSE;
                case "unpause" -> ContainerEvent.Type.UNPAUSE;
                case "restart" -> ContainerEvent.Type.RESTART;
                case "destroy", "remove" -> ContainerEvent.Type.REMOVE;
                default -> ContainerEvent.Type.OTHER;
            };
        }
        Integer exitCode = null;
        if (type == ContainerEvent.Type.DIE && attrs.get("exitCode") != null) {
            try {
                exitCode = Integer.parseInt(attrs.get("exitCode"));
            } catch (NumberFormatException ignored) {
                // left null: the engine wrote something that is not a number
            }
        }
        return new ContainerEvent(type, id, attrs.get("name"), time, action, exitCode, health, attrs);
    }
}
