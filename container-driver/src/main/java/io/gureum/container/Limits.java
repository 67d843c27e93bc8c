package io.gureum.container;

/** CPU and memory ceiling of a container; both are required for every Gureum container. */
public record Limits(double cpus, long memoryBytes) {
    public static final double MIN_CPUS = 0.01;
    public static final double MAX_CPUS = 64;
    /** Docker refuses less than 6 MiB; Podman accepts it but the container then dies at start. */
    public static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;
    public static final long MAX_MEMORY_BYTES = 256L * 1024 * 1024 * 1024;

    public static Limits of(double cpus, long memoryMiB) {
        return new Limits(cpus, memoryMiB * 1024 * 1024);
    }

    /** CPU limit as the engine's NanoCpus value. */
    public long nanoCpus() {
        return Math.round(cpus * 1_000_000_000d);
    }
}
