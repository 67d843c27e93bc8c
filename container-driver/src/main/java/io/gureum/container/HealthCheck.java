package io.gureum.container;

import java.time.Duration;
import java.util.List;

/**
 * How to tell whether a running container is healthy. Run by the engine where it can
 * (Docker, exec probes) and by the driver otherwise (Podman without systemd, HTTP probes).
 */
public record HealthCheck(Probe probe, Duration interval, Duration timeout, int retries, Duration startPeriod) {

    /** What a single check does. */
    public sealed interface Probe permits Exec, HttpGet {
    }

    /** Run a command inside the container (no shell unless the command asks for one); exit 0 is healthy. */
    public record Exec(List<String> command) implements Probe {
        public Exec {
            command = command == null ? List.of() : List.copyOf(command);
        }
    }

    /** HTTP GET on a container port; a 2xx or 3xx answer is healthy. */
    public record HttpGet(int port, String path) implements Probe {
        public HttpGet {
            if (path == null || path.isEmpty()) {
                path = "/";
            }
        }
    }

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final int MAX_RETRIES = 20;

    public HealthCheck {
        if (startPeriod == null) {
            startPeriod = Duration.ZERO;
        }
    }

    public static HealthCheck exec(List<String> command, Duration interval, Duration timeout, int retries) {
        return new HealthCheck(new Exec(command), interval, timeout, retries, Duration.ZERO);
    }

    public static HealthCheck httpGet(int port, String path, Duration interval, Duration timeout, int retries) {
        return new HealthCheck(new HttpGet(port, path), interval, timeout, retries, Duration.ZERO);
    }
}
