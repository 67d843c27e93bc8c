package io.gureum.container.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking engine calls. docker-java's unix-socket transport ignores the response timeout
 * (its channel stream has no read timeout), so an engine that accepts and never answers would
 * hang the caller. A call that overruns its deadline gets its thread interrupted, which closes
 * the interruptible socket channel it is blocked on; the call then fails and is reported as
 * {@link io.gureum.container.UnavailableException}.
 */
final class Deadlines implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Runnable beforeInterrupt;

    Deadlines(String name) {
        this(name, () -> { });
    }

    /** {@code beforeInterrupt} runs on the timer just before it interrupts a caller (tests widen the race with it). */
    Deadlines(String name, Runnable beforeInterrupt) {
        this.beforeInterrupt = beforeInterrupt;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gureum-deadline-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A running deadline; {@link #finish()} must be called in a finally block by the guarded thread.
     * Expiry and finish exclude each other under the guard's lock, and the timer interrupts the caller
     * while it holds that lock: so once {@link #finish()} has returned, no interrupt of this deadline can
     * still land on the caller, which goes on to other work (database I/O among it: an interrupt there
     * closes H2's file channel and with it the database).
     */
    final class Guard {
        private final Thread caller = Thread.currentThread();
        private final ScheduledFuture<?> alarm;
        private boolean finished;
        private boolean expired;

        private Guard(Duration timeout) {
            this.alarm = timer.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void expire() {
            if (finished) {
                return;
            }
            expired = true;
            beforeInterrupt.run();
            caller.interrupt();
        }

        /** Ends the guarded section; clears the interrupt this deadline caused, if it fired. */
        boolean finish() {
            alarm.cancel(false);
            synchronized (this) {
                finished = true;
                if (!expired) {
                    return false;
                }
            }
            Thread.interrupted(); // ours, delivered before the lock was released; not the caller's
            return true;
        }

        synchronized boolean expired() {
            return expired;
        }
    }

    Guard start(Duration timeout) {
        return new Guard(timeout);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
