package io.gureum.console.container;

import java.util.Map;

/**
 * A request to create a container.
 *
 * @param image         an image present on the engine; null for {@link ContainerService#DEFAULT_IMAGE}
 * @param command       one shell command, run as {@code sh -c <command>}; null or blank for the image's own
 * @param env           environment variables; names are letters, digits and '_', not starting with a digit
 * @param restartPolicy no, on-failure, always or unless-stopped (null: no)
 * @param containerPort a container port to publish on an automatic host port of 127.0.0.1, or null
 * @param healthCheck   how to tell whether it is healthy, or null for no check
 */
public record NewContainer(String name, long projectId, String image, String command, Map<String, String> env,
                           double cpus, long memoryMib, String restartPolicy, Integer containerPort,
                           NewHealthCheck healthCheck) {

    /** A request without a health check. */
    public NewContainer(String name, long projectId, String image, String command, Map<String, String> env,
                        double cpus, long memoryMib, String restartPolicy, Integer containerPort) {
        this(name, projectId, image, command, env, cpus, memoryMib, restartPolicy, containerPort, null);
    }
}
