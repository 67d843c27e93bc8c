package io.gureum.container;

/** Identity of a container the driver created: engine id and name (either works as a reference). */
public record ContainerRef(String id, String name) {
}
