package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open one libvirt host.
 *
 * @param uri              libvirt URI: {@code qemu:///system}, {@code qemu+ssh://user@host/system},
 *                         {@code qemu+tls://host/system}, {@code test:///default}
 * @param workerThreads    platform threads that call libvirt (and so concurrent requests on the
 *                         connection); at most 4, below libvirtd's default of 5 per client
 * @param callTimeout      how long a caller waits for one libvirt call before Unavailable
 * @param reconnectMin     first delay before reconnecting after the connection is lost
 * @param reconnectMax     upper bound of the doubling reconnect delay
 * @param serialLogDir     directory on the host where serial logs go (QEMU/virtlogd must write there)
 */
public record LibvirtOptions(URI uri, int workerThreads, Duration callTimeout, Duration reconnectMin,
                             Duration reconnectMax, Path serialLogDir) {

    /** libvirtd's default max_client_requests is 5; keep one slot free for keepalive and events. */
    public static final int MAX_WORKER_THREADS = 4;

    public LibvirtOptions {
        if (uri == null || uri.getScheme() == null) {
            throw new HypervisorException.InvalidSpec("a libvirt URI is required, e.g. qemu:///system");
        }
        if (workerThreads < 1 || workerThreads > MAX_WORKER_THREADS) {
            throw new HypervisorException.InvalidSpec("workerThreads must be 1.." + MAX_WORKER_THREADS);
        }
        if (serialLogDir == null || !serialLogDir.isAbsolute()) {
            throw new HypervisorException.InvalidSpec("serialLogDir must be an absolute path");
        }
    }

    /** Defaults: 4 workers, 60 s calls, reconnect 0.5 s doubling to 30 s, logs in /var/log/libvirt/qemu. */
    public static LibvirtOptions of(String uri) {
        return new LibvirtOptions(URI.create(uri), MAX_WORKER_THREADS, Duration.ofSeconds(60), Duration.ofMillis(500),
                Duration.ofSeconds(30), Path.of("/var/log/libvirt/qemu"));
    }

    public LibvirtOptions withReconnect(Duration min, Duration max) {
        return new LibvirtOptions(uri, workerThreads, callTimeout, min, max, serialLogDir);
    }

    public LibvirtOptions withSerialLogDir(Path dir) {
        return new LibvirtOptions(uri, workerThreads, callTimeout, reconnectMin, reconnectMax, dir);
    }

    public LibvirtOptions withCallTimeout(Duration timeout) {
        return new LibvirtOptions(uri, workerThreads, timeout, reconnectMin, reconnectMax, serialLogDir);
    }

    /** True when the host's files (serial logs) are on this machine. */
    boolean isLocal() {
        String host = uri.getHost();
        return uri.getScheme().equals("test") || host == null || host.isEmpty() || host.equals("localhost");
    }
}
