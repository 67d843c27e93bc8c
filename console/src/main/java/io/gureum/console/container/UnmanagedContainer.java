package io.gureum.console.container;

import java.util.UUID;

/** A container on a host's engine without the console's labels that no container row knows: made by hand. */
public record UnmanagedContainer(UUID hostId, String hostName, String engineId, String name, String image,
                                 ContainerStatus state, String status) {
}
