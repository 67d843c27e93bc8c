package io.gureum.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One container engine (Docker or Podman) on one host. Containers are referenced by id or name.
 * Failures are {@link EngineException} subclasses: {@link NotFoundException}, {@link ConflictException},
 * {@link WrongStateException}, {@link InvalidSpecException}, {@link UnavailableException}.
 * Implementations are thread-safe; close the engine to stop its streams and health checker.
 */
public interface ContainerEngine extends AutoCloseable {

    EngineEndpoint endpoint();

    /** Product, versions, CPUs and memory of the engine's host. Costly on Podman: see {@link #version()}. */
    EngineInfo info();

    /**
     * Product and version as read when the engine was opened, after a ping that proves it answers now. For periodic
     * health checks: Podman's info and version calls run the distribution's package manager (dpkg-query) for each of
     * its helper programs, which a console polling every 15 s turned into minutes of CPU on a loaded host.
     */
    EngineVersion version();

    /** Throws {@link UnavailableException} if the engine does not answer. */
    void ping();

    /** Validates the spec (nothing is created when it is refused), creates its volumes and the container. */
    ContainerRef create(ContainerSpec spec);

    void start(String container);

    /** Asks the main process to stop, and kills it once {@code timeout} has passed. */
    void stop(String container, Duration timeout);

    void restart(String container, Duration timeout);

    void pause(String container);

    void unpause(String container);

    /** Removes the container and the volumes the driver made for it; {@code force} kills it if running. */
    void remove(String container, boolean force);

    ContainerInfo inspect(String container);

    /** All containers (running or not), managed and unmanaged, told apart by {@link Ownership}. */
    List<ContainerSummary> list();

    /** The last {@code tail} lines (all lines when negative), stdout and stderr told apart. */
    List<LogLine> logs(String container, int tail);

    /** Delivers the last {@code tail} lines and then new ones as they come, on a driver thread. */
    Subscription followLogs(String container, int tail, Consumer<LogLine> sink);

    /** One sample of CPU, memory, network and block I/O use. */
    ContainerStats stats(String container);

    /** Runs a command (no shell) in a running container and waits at most {@code timeout} for it. */
    ExecResult exec(String container, List<String> command, Duration timeout);

    /**
     * Starts {@code command} in a running container with a terminal of {@code columns} x {@code rows}, stdin
     * attached, for a person at a browser console. Throws {@link WrongStateException} if the container does
     * not run, {@link NotFoundException} if it does not exist.
     */
    ShellSession openShell(String container, List<String> command, int columns, int rows, ShellSession.Listener listener);

    /**
     * Follows what a running container's main process writes to stdout and stderr from now on (the engine's
     * attach, read-only: nothing reaches its stdin), for a container without a shell. Bytes as the process wrote
     * them; {@link ShellSession.Listener#ended()} when the process exits or the subscription is closed. Throws
     * {@link WrongStateException} if the container does not run, {@link NotFoundException} if it does not exist.
     */
    Subscription attachOutput(String container, ShellSession.Listener listener);

    List<ImageInfo> images();

    /** Imports a root filesystem tarball as a single-layer image named {@code reference}. */
    ImageInfo importRootfs(Path tarball, String reference);

    /** Loads a {@code docker save} / {@code podman save} archive; returns the images it added or retagged. */
    List<ImageInfo> loadImages(Path archive);

    void removeImage(String reference, boolean force);

    /** Typed container events from now on, delivered in order on one driver thread. */
    Subscription events(Consumer<ContainerEvent> listener);

    @Override
    void close();
}
