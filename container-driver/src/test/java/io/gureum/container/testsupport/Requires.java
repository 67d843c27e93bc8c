package io.gureum.container.testsupport;

import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.UnavailableException;
import io.gureum.container.engine.ContainerEngines;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real engine: skipped with the reason on a bare laptop, failed under CI
 * ({@code CI=true}), where a missing engine is a broken build, not an excuse.
 */
public final class Requires {
    /** Endpoint of the engine the contract runs on; Podman's rootful socket unless told otherwise. */
    public static final String ENDPOINT = System.getenv().getOrDefault("GUREUM_CONTAINER_ENDPOINT", "unix:///run/podman/podman.sock");

    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Requires() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Opens the engine at the endpoint, or skips (fails under CI) explaining what is missing. */
    public static ContainerEngine engine(String endpoint, boolean mandatory) {
        try {
            return ContainerEngines.open(EngineEndpoint.of(endpoint));
        } catch (UnavailableException e) {
            if (mandatory && underCi()) {
                return Assertions.fail("CI=true and the container engine is missing: " + e.getMessage());
            }
            if (REPORTED.add(endpoint)) {
                System.err.println("[gureum] skipping engine tests, no container engine: " + e.getMessage());
            }
            Assumptions.abort("skipped, no container engine: " + e.getMessage());
            return null;
        }
    }

    /** The engine of {@link #ENDPOINT}; mandatory under CI. */
    public static ContainerEngine engine() {
        return engine(ENDPOINT, true);
    }

    /** Skips (fails under CI) unless the engine has the image the tests run. */
    public static void image(ContainerEngine engine, String reference) {
        boolean present = engine.images().stream().anyMatch(i -> i.tags().contains(reference));
        if (!present) {
            String why = "test image " + reference + " is missing: build it with src/host/build-test-images.sh";
            if (underCi()) {
                Assertions.fail("CI=true and " + why);
            }
            Assumptions.abort("skipped, " + why);
        }
    }
}
