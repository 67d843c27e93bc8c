package io.gureum.container;

/** A port the engine really published, as seen in inspect (host port resolved when automatic). */
public record PublishedPort(int containerPort, Protocol protocol, String hostIp, int hostPort) {
}
