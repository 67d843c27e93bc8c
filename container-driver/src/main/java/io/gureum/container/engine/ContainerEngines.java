package io.gureum.container.engine;

import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.EngineException;
import io.gureum.container.EngineInfo;
import io.gureum.container.UnavailableException;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Opens container engines: at a known endpoint, or the first that answers among the usual places. */
public final class ContainerEngines {
    /** Environment variable naming the endpoint Gureum should use first. */
    public static final String ENDPOINT_ENV = "GUREUM_CONTAINER_ENDPOINT";

    private ContainerEngines() {
    }

    /**
     * Opens the engine at an endpoint and checks that it answers.
     *
     * @throws UnavailableException within about 2 s if nothing answers there, saying how to start it
     */
    public static ContainerEngine open(EngineEndpoint endpoint) {
        if (endpoint.isUnixSocket() && !Files.exists(endpoint.socketPath())) {
            throw EngineErrors.unavailable(endpoint, "socket file missing", null);
        }
        DockerClients clients = new DockerClients(endpoint);
        Deadlines deadlines = new Deadlines(endpoint.isUnixSocket() ? endpoint.socketPath().getFileName().toString() : endpoint.uri().getHost());
        try {
            Deadlines.Guard guard = deadlines.start(endpoint.connectTimeout());
            try {
                clients.probe.pingCmd().exec();
            } catch (RuntimeException e) {
                if (guard.expired()) {
                    throw EngineErrors.unavailable(endpoint, "no answer to ping within " + endpoint.connectTimeout().toMillis() + " ms", e);
                }
                EngineException translated = EngineErrors.translate("ping", e, endpoint);
                throw translated instanceof UnavailableException ? translated
                        : EngineErrors.unavailable(endpoint, "not a Docker Engine API: " + translated.getMessage(), e);
            } finally {
                guard.finish();
            }
            Version version;
            Deadlines.Guard versionGuard = deadlines.start(endpoint.callTimeout());
            try {
                version = clients.control.versionCmd().exec();
            } catch (RuntimeException e) {
                throw EngineErrors.translate("version", e, endpoint);
            } finally {
                versionGuard.finish();
            }
            return new DockerApiEngine(endpoint, clients, deadlines, version);
        } catch (RuntimeException e) {
            deadlines.close();
            clients.close();
            throw e;
        }
    }

    public static ContainerEngine open(String endpointUri) {
        return open(EngineEndpoint.of(endpointUri));
    }

    /** Opens the first engine that answers among {@link #candidates(Map)}; explains every miss otherwise. */
    public static ContainerEngine discover() {
        return discover(candidates(System.getenv()));
    }

    public static ContainerEngine discover(List<EngineEndpoint> candidates) {
        List<String> misses = new ArrayList<>();
        for (EngineEndpoint candidate : candidates) {
            try {
                return open(candidate);
            } catch (UnavailableException e) {
                misses.add(e.getMessage());
            }
        }
        throw new UnavailableException("no container engine answers:\n  " + String.join("\n  ", misses));
    }

    /** Where engines usually listen: $GUREUM_CONTAINER_ENDPOINT, $DOCKER_HOST, rootful and rootless Podman, Docker. */
    public static List<EngineEndpoint> candidates(Map<String, String> env) {
        Set<URI> uris = new LinkedHashSet<>();
        addIfSet(uris, env.get(ENDPOINT_ENV));
        addIfSet(uris, env.get("DOCKER_HOST"));
        uris.add(EngineEndpoint.PODMAN_ROOTFUL);
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            uris.add(URI.create("unix://" + xdg + "/podman/podman.sock"));
        }
        uris.add(EngineEndpoint.DOCKER);
        List<EngineEndpoint> out = new ArrayList<>();
        for (URI u : uris) {
            try {
                out.add(new EngineEndpoint(u, null, null, null));
            } catch (EngineException e) {
                // e.g. plain tcp:// in DOCKER_HOST: not a candidate Gureum will use
            }
        }
        return out;
    }

    static EngineInfo.Product productOf(Version v) {
        if (v.getComponents() != null) {
            for (VersionComponent c : v.getComponents()) {
                if (c.getName() != null && c.getName().toLowerCase(Locale.ROOT).contains("podman")) {
                    return EngineInfo.Product.PODMAN;
                }
            }
        }
        return EngineInfo.Product.DOCKER;
    }

    private static void addIfSet(Set<URI> uris, String value) {
        if (value != null && !value.isBlank()) {
            uris.add(URI.create(value.trim()));
        }
    }
}
