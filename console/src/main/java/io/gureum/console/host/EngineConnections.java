package io.gureum.console.host;

import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.engine.ContainerEngines;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One container engine per host that has an endpoint, opened on first use. The only console class
 * that names the Docker Engine API implementation; everything else sees the {@link ContainerEngine} SPI.
 */
@Component
class EngineConnections implements DisposableBean {

    private final ConcurrentMap<UUID, ContainerEngine> open = new ConcurrentHashMap<>();
    private final Duration callTimeout;

    /** {@code gureum.containers.call-timeout}: how long an ordinary engine call may take before it fails as unavailable. */
    EngineConnections(@Value("${gureum.containers.call-timeout:60s}") Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** The host's engine; UnavailableException (from the driver) when nothing answers there. */
    ContainerEngine forHost(UUID hostId, String endpoint) {
        return open.computeIfAbsent(hostId, id -> ContainerEngines.open(endpointOf(endpoint)));
    }

    /** A separate engine connection for a one-off check; the caller closes it. */
    ContainerEngine openOnce(String endpoint) {
        return ContainerEngines.open(endpointOf(endpoint));
    }

    private EngineEndpoint endpointOf(String endpoint) {
        EngineEndpoint parsed = EngineEndpoint.of(endpoint);
        return parsed.withTimeouts(parsed.connectTimeout(), callTimeout);
    }

    void forget(UUID hostId) {
        ContainerEngine engine = open.remove(hostId);
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    public void destroy() {
        open.keySet().forEach(this::forget);
    }
}
