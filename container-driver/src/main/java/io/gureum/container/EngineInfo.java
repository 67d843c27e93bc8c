package io.gureum.container;

/** Facts about an engine: what it is and what the host can give. */
public record EngineInfo(
        Product product,
        String version,
        String apiVersion,
        int cpus,
        long memoryBytes,
        String operatingSystem,
        String kernelVersion,
        String endpoint) {

    /** Engine products speaking the Docker Engine API. */
    public enum Product { DOCKER, PODMAN }
}
