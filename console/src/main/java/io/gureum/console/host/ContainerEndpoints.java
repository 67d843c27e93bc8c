package io.gureum.console.host;

import io.gureum.console.system.Echo;
import java.util.List;

/**
 * Which container engine endpoints a host may have. An engine API is root on its host, so only the
 * engines' standard local sockets are accepted; remote engines over TCP need TLS client
 * certificates that the console does not manage yet.
 */
final class ContainerEndpoints {

    static final String PODMAN = "unix:///run/podman/podman.sock";
    static final List<String> ALLOWED = List.of(PODMAN, "unix:///var/run/docker.sock", "unix:///run/docker.sock");

    private ContainerEndpoints() {
    }

    /** Returns the endpoint, null when none was given, or throws saying what to fix. */
    static String validate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String endpoint = value.strip();
        if (!ALLOWED.contains(endpoint)) {
            throw new HostValidationException("endpoint", "Container endpoint " + Echo.quoted(endpoint)
                    + " is not supported: use one of "
                    + ALLOWED + " (Podman's or Docker's socket on the host that runs the console). Engines on "
                    + "other servers over TCP with TLS are not supported yet.");
        }
        return endpoint;
    }
}
