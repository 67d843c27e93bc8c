package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseListener;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One libvirt connection to a host, used by a few platform worker threads. libvirt keeps the
 * last error per thread, so every call runs on one of these workers (never on a virtual thread);
 * their number bounds the concurrent requests on the connection (libvirtd allows 5).
 *
 * <p>When libvirtd goes away (close callback, or a call failing with a dead connection), calls
 * fail fast with Unavailable while a reconnect is attempted with doubling, bounded backoff.
 */
final class HostConnection implements AutoCloseable {

    /** A unit of libvirt work that runs on a worker thread. */
    @FunctionalInterface
    interface Call<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    private static final Logger log = LoggerFactory.getLogger(HostConnection.class);
    private static final AtomicInteger HOSTS = new AtomicInteger();

    private final LibvirtOptions options;
    private final EventHub events;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService reconnector;
    private final LifecycleListener lifecycle;
    private final ConnectionCloseListener closeListener;
    private final Object lock = new Object();
    private volatile Connect connect;
    private volatile boolean closed;
    private Duration backoff;

    private HostConnection(LibvirtOptions options, EventHub events) {
        this.options = options;
        this.events = events;
        int id = HOSTS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(options.workerThreads(), options.workerThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024),
                r -> Thread.ofPlatform().name("gureum-libvirt-" + id + "-w" + n.incrementAndGet()).daemon(true).unstarted(r));
        this.workers.allowCoreThreadTimeOut(true);
        this.reconnector = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gureum-libvirt-" + id + "-reconnect").daemon(true).factory());
        this.lifecycle = events::onLifecycle;
        this.closeListener = (c, reason) -> connectionLost(c, "connection closed by libvirt: " + reason);
        this.backoff = options.reconnectMin();
    }

    /** Opens the connection; the event loop is started first so the connection gets events. */
    static HostConnection open(LibvirtOptions options, EventHub events) {
        EventLoop.ensureRunning();
        HostConnection host = new HostConnection(options, events);
        try {
            Connect c = host.workers.submit(host::openConnect).get();
            host.connect = c;
            return host;
        } catch (ExecutionException e) {
            host.shutdownThreads();
            throw host.rethrow(e.getCause(), "connect to " + options.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            host.shutdownThreads();
            throw new HypervisorException.Unavailable("interrupted while connecting to " + options.uri());
        }
    }

    private Connect openConnect() throws LibvirtException {
        Connect c = new Connect(options.uri().toString(), false);
        try {
            c.addLifecycleListener(lifecycle);
            if (!"test".equals(options.uri().getScheme())) {
                c.registerCloseListener(closeListener);
            }
            return c;
        } catch (LibvirtException e) {
            closeQuietly(c);
            throw e;
        }
    }

    boolean isAvailable() {
        return !closed && connect != null;
    }

    <T> T call(String action, Call<T> call) {
        return call(action, options.callTimeout(), call);
    }

    /** Runs {@code call} on a worker thread with the live connection; translates every failure. */
    <T> T call(String action, Duration timeout, Call<T> call) {
        Connect c = connect;
        if (closed) {
            throw new HypervisorException.Unavailable("cannot " + action + ": connection to " + options.uri() + " is closed");
        }
        if (c == null) {
            throw new HypervisorException.Unavailable("cannot " + action + ": reconnecting to " + options.uri());
        }
        Future<T> future;
        try {
            future = workers.submit(() -> call.apply(c));
        } catch (RejectedExecutionException e) {
            throw new HypervisorException.Unavailable("cannot " + action + ": too many queued requests for " + options.uri());
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LibvirtException le && LibvirtErrors.isConnectionProblem(le) && !isAlive(c)) {
                connectionLost(c, le.getMessage());
            }
            throw rethrow(cause, action);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new HypervisorException.Unavailable("cannot " + action + ": no answer from " + options.uri() + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new HypervisorException.Unavailable("cannot " + action + ": interrupted");
        }
    }

    private HypervisorException rethrow(Throwable cause, String action) {
        if (cause instanceof LibvirtException le) {
            return LibvirtErrors.translate(le, action);
        }
        if (cause instanceof HypervisorException he) {
            return he;
        }
        return new HypervisorException("cannot " + action + ": " + cause, null, -1, cause);
    }

    private boolean isAlive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException | RuntimeException e) {
            return false;
        }
    }

    /** Marks the connection dead (once) and schedules reconnects. May run on the event loop thread. */
    void connectionLost(Connect lost, String reason) {
        synchronized (lock) {
            if (closed || connect == null || (lost != null && connect != lost && !connect.equals(lost))) {
                return;
            }
            connect = null;
            backoff = options.reconnectMin();
        }
        log.warn("lost connection to {}: {}", options.uri(), reason);
        events.connectionLost(reason);
        // Never block the event loop thread: release the old connection elsewhere.
        reconnector.execute(() -> releaseQuietly(lost));
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        Duration delay;
        synchronized (lock) {
            delay = backoff;
            long next = Math.min(backoff.toMillis() * 2, options.reconnectMax().toMillis());
            backoff = Duration.ofMillis(next);
        }
        try {
            reconnector.schedule(this::tryReconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void tryReconnect() {
        if (closed) {
            return;
        }
        try {
            Connect c = openConnect();
            synchronized (lock) {
                if (closed) {
                    releaseQuietly(c);
                    return;
                }
                connect = c;
            }
            log.info("reconnected to {}", options.uri());
            events.connectionRestored();
        } catch (LibvirtException | RuntimeException e) {
            log.debug("reconnect to {} failed: {}", options.uri(), e.getMessage());
            scheduleReconnect();
        }
    }

    private void releaseQuietly(Connect c) {
        if (c == null) {
            return;
        }
        try {
            c.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException ignored) {
            // the connection may already be dead
        }
        try {
            if (!"test".equals(options.uri().getScheme())) {
                c.unregisterCloseListener();
            }
        } catch (LibvirtException | RuntimeException ignored) {
            // idem
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connect c) {
        try {
            c.close();
        } catch (LibvirtException | RuntimeException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        Connect c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connect;
            connect = null;
        }
        reconnector.shutdownNow();
        // Calls already running still use the connection: freeing it under them crashes the JVM in
        // native code. Let them finish first; if one hangs, leak the connection rather than crash.
        workers.shutdown();
        boolean idle;
        try {
            idle = workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (c != null && idle) {
            Thread releaser = Thread.ofPlatform().name("gureum-libvirt-close").start(() -> releaseQuietly(c));
            try {
                releaser.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (c != null) {
            log.warn("closing {}: a call is still running after {}; leaving its connection open", options.uri(),
                    CLOSE_GRACE);
        }
        shutdownThreads();
    }

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private void shutdownThreads() {
        workers.shutdown();
        reconnector.shutdownNow();
    }
}
