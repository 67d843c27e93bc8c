package io.gureum.container;

/**
 * A container port published on the host. Host port 0 lets the engine pick a free port;
 * the host address defaults to loopback so nothing is exposed unless asked for.
 */
public record PortMapping(int containerPort, int hostPort, Protocol protocol, String hostIp) {
    public static final String LOOPBACK = "127.0.0.1";

    public PortMapping {
        if (protocol == null) {
            protocol = Protocol.TCP;
        }
        if (hostIp == null || hostIp.isBlank()) {
            hostIp = LOOPBACK;
        }
    }

    /** TCP port on 127.0.0.1 with a fixed host port. */
    public static PortMapping tcp(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, Protocol.TCP, LOOPBACK);
    }

    /** TCP port on 127.0.0.1 with a host port chosen by the engine. */
    public static PortMapping tcpAuto(int containerPort) {
        return new PortMapping(containerPort, 0, Protocol.TCP, LOOPBACK);
    }

    public static PortMapping udp(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, Protocol.UDP, LOOPBACK);
    }

    public boolean automaticHostPort() {
        return hostPort == 0;
    }
}
