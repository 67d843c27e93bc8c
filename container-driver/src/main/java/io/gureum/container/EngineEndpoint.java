package io.gureum.container;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where an engine listens: a unix socket ({@code unix:///run/podman/podman.sock}) or
 * TCP with TLS ({@code tcp://host:2376} plus a directory holding ca.pem, cert.pem, key.pem).
 * Plain TCP is accepted only on loopback.
 *
 * @param connectTimeout bound on reaching the engine; with it an engine that is down fails fast
 * @param callTimeout    bound on an ordinary call's answer (not on stop/exec/streams, which carry their own)
 */
public record EngineEndpoint(URI uri, Path tlsCertDir, Duration connectTimeout, Duration callTimeout) {
    public static final URI PODMAN_ROOTFUL = URI.create("unix:///run/podman/podman.sock");
    public static final URI DOCKER = URI.create("unix:///var/run/docker.sock");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(1500);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    public EngineEndpoint {
        if (uri == null) {
            throw new InvalidSpecException("engine endpoint URI is required");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw new InvalidSpecException("unix endpoint needs an absolute socket path: " + uri);
                }
            }
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 1) {
                    throw new InvalidSpecException("tcp endpoint needs host and port: " + uri);
                }
                if (tlsCertDir == null && !isLoopback(uri.getHost())) {
                    throw new InvalidSpecException("tcp endpoint " + uri + " needs TLS (a cert directory with ca.pem, cert.pem, key.pem): "
                            + "a plain TCP engine API is root on that host for anyone on the network");
                }
            }
            default -> throw new InvalidSpecException("engine endpoint must be unix:// or tcp://: " + uri);
        }
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (callTimeout == null) {
            callTimeout = DEFAULT_CALL_TIMEOUT;
        }
    }

    public static EngineEndpoint of(String uri) {
        return new EngineEndpoint(URI.create(uri), null, null, null);
    }

    public static EngineEndpoint unix(Path socket) {
        return new EngineEndpoint(URI.create("unix://" + socket.toAbsolutePath()), null, null, null);
    }

    public static EngineEndpoint tcpTls(String host, int port, Path certDir) {
        return new EngineEndpoint(URI.create("tcp://" + host + ":" + port), certDir, null, null);
    }

    public EngineEndpoint withTimeouts(Duration connect, Duration call) {
        return new EngineEndpoint(uri, tlsCertDir, connect, call);
    }

    public boolean isUnixSocket() {
        return "unix".equalsIgnoreCase(uri.getScheme());
    }

    /** The socket file of a unix endpoint. */
    public Path socketPath() {
        return Path.of(uri.getPath());
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host) || "::1".equals(host);
    }
}
