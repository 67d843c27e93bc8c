package io.gureum.console.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.gureum.console.container.NewContainer;
import io.gureum.console.container.NewHealthCheck;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of a container create, as {@link NewContainer}: the facade checks every field and says what is wrong with
 * its own words.
 *
 * @param image         an image on the engine; null for the console's default image
 * @param command       one shell command, run as {@code sh -c <command>}; null for the image's own
 * @param restartPolicy no, on-failure, always or unless-stopped (null: no)
 * @param containerPort a container port to publish on an automatic host port of 127.0.0.1, or null
 * @param unknownFields fields the request does not have: refused, never ignored
 */
record NewContainerRequest(String name, Long projectId, String image, String command, Map<String, String> env,
                           Double cpus, Long memoryMib, String restartPolicy, Integer containerPort,
                           NewHealthCheck healthCheck,
                           @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

    NewContainer toNewContainer() {
        InvalidParameters.requireNoUnknownFields(unknownFields);
        if (projectId == null) {
            throw new InvalidParameters(List.of(Map.of("field", "projectId", "message", "Required.")));
        }
        return new NewContainer(name, projectId, image, command, env == null ? Map.of() : env,
                cpus == null ? 0 : cpus, memoryMib == null ? 0 : memoryMib, restartPolicy, containerPort,
                healthCheck);
    }
}
