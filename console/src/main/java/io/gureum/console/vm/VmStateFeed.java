package io.gureum.console.vm;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts VM events (a state observed, an action asked for or finished, an adoption), so that open VM lists poll a
 * number instead of the database: a list that remembers the version it showed reloads only when something happened
 * since. Observed state changes reach the open views at once through {@code ui.LiveUpdates} (server push).
 */
@Component
class VmStateFeed {

    private final AtomicLong version = new AtomicLong();

    /** Goes up with every VM event. */
    long version() {
        return version.get();
    }

    @EventListener
    void actionRequested(VmEvents.VmActionRequested requested) {
        version.incrementAndGet();
    }

    @EventListener
    void actionFinished(VmEvents.VmActionFinished finished) {
        version.incrementAndGet();
    }

    @EventListener
    void adopted(VmEvents.VmAdopted adopted) {
        version.incrementAndGet();
    }

    @EventListener
    void stateChanged(VmEvents.VmStateChanged changed) {
        version.incrementAndGet();
    }
}
