package io.gureum.hypervisor;

/** Where a running VM's VNC server listens on its host (always loopback; proxy it). */
public record VncEndpoint(String host, int port) {
}
