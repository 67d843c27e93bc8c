package io.gureum.container.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds blocking engine calls. docker-java's unix-socket transport ignores the response timeout
 * (its channel stream has no read timeout), so an engine that accepts and never answers would
 * hang the caller. A call that overruns its deadline gets its thread interrupted, which closes
 * the interruptible socket channel it is blocked on; the call then fails and is reported as
 * {@link io.gureum.container.UnavailableException}.
 */
final class Deadlines implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;

    private final ScheduledExecutorService timer;

    Deadlines(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gureum-deadline-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A running deadline; {@link #finish()} must be called in a finally block by the guarded thread. */
    final class Guard {
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final ScheduledFuture<?> alarm;

        private Guard(Duration timeout) {
            Thread caller = Thread.currentThread();
            this.alarm = timer.schedule(() -> {
                if (state.compareAndSet(RUNNING, EXPIRED)) {
                    caller.interrupt();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Ends the guarded section; clears the interrupt this deadline may have caused. */
        boolean finish() {
            alarm.cancel(false);
            if (state.compareAndSet(RUNNING, DONE)) {
                return false;
            }
            Thread.interrupted(); // ours, not the caller's
            return true;
        }

        boolean expired() {
            return state.get() == EXPIRED;
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
