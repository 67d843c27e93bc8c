package io.gureum.container.engine;

import com.github.dockerjava.api.async.ResultCallback;
import io.gureum.container.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A docker-java stream seen as a {@link Subscription}. Items reach the consumer one at a time on
 * the stream's thread; a consumer that throws is logged and the stream goes on.
 */
class StreamSubscription<T, R> extends ResultCallback.Adapter<T> implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(StreamSubscription.class);

    private final String what;
    private final java.util.function.Function<T, R> mapper;
    private final Consumer<R> consumer;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Runnable onEnd;
    private volatile boolean open = true;

    StreamSubscription(String what, java.util.function.Function<T, R> mapper, Consumer<R> consumer, Runnable onEnd) {
        this.what = what;
        this.mapper = mapper;
        this.consumer = consumer;
        this.onEnd = onEnd;
    }

    @Override
    public void onStart(Closeable stream) {
        super.onStart(stream);
        started.countDown();
    }

    @Override
    public void onNext(T item) {
        R mapped = mapper.apply(item);
        if (mapped != null && open) {
            deliver(mapped);
        }
    }

    /** Hands one item to the consumer; synchronized so that driver-made items never interleave. */
    synchronized void deliver(R item) {
        try {
            consumer.accept(item);
        } catch (RuntimeException e) {
            log.warn("{}: consumer failed on {}", what, item, e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (open) {
            log.warn("{} ended with an error: {}", what, throwable.toString());
        }
        end();
        super.onError(throwable);
    }

    @Override
    public void onComplete() {
        end();
        super.onComplete();
    }

    /** Waits until the engine has answered the stream request, so that nothing after this is missed. */
    boolean awaitStarted(long millis) {
        try {
            return started.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void end() {
        if (open) {
            open = false;
            started.countDown();
            onEnd.run();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        end();
        try {
            super.close();
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("{}: close failed", what, e);
        }
    }
}
