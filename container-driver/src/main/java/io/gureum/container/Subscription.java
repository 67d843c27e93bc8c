package io.gureum.container;

/** A running stream (events, followed logs); close it to stop delivery and free its connection. */
public interface Subscription extends AutoCloseable {
    /** True until closed or the stream ended (engine gone, container removed). */
    boolean isOpen();

    @Override
    void close();
}
