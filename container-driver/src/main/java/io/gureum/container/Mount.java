package io.gureum.container;

/**
 * A filesystem mount requested for a container. Only {@link Volume} is ever accepted:
 * {@link Bind} exists so that a request for a host path can be expressed and refused.
 */
public sealed interface Mount permits Mount.Volume, Mount.Bind {

    String containerPath();

    /**
     * A named volume the driver creates as {@code gureum-<container>-<name>} and removes with the container.
     */
    record Volume(String name, String containerPath, boolean readOnly) implements Mount {
    }

    /** A host path mounted into the container: always refused (host file access, engine socket takeover). */
    record Bind(String hostPath, String containerPath, boolean readOnly) implements Mount {
    }

    static Volume volume(String name, String containerPath) {
        return new Volume(name, containerPath, false);
    }
}
