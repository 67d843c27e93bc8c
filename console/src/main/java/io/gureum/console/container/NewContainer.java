package io.gureum.console.container;

import java.util.Map;

/**
 * A request to create a container.
 *
 * @param image         an image present on the engine; null for {@link ContainerService#DEFAULT_IMAGE}
 * @param command       one shell command, run as {@code sh -c <command>}; null or blank for the image's own
 * @param restartPolicy no, on-failure, always or unless-stopped (null: no)
 * @param containerPort a container port to publish on an automatic host port of 127.0.0.1, or null
 */
public record NewContainer(String name, long projectId, String image, String command, Map<String, String> env,
                           double cpus, long memoryMib, String restartPolicy, Integer containerPort) {
}
