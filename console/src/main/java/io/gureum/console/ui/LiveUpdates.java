package io.gureum.console.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.system.LiveUpdate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fans {@link LiveUpdate} events out to the open views that care, through server push: a view subscribes
 * while it is attached and its refresh runs in its UI's lock at once, instead of at the next poll. A burst of
 * events (a host going away turns hundreds of VMs "unknown") costs each view one refresh, not one per event.
 * Views keep a slow poll as well, for what no event reports.
 */
@Component
public class LiveUpdates {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** Runs {@code refresh} in {@code ui} whenever a {@link LiveUpdate} that {@code interest} accepts arrives. */
    public Registration subscribe(UI ui, Predicate<LiveUpdate> interest, Runnable refresh) {
        Subscription subscription = new Subscription(ui, interest, refresh, new AtomicBoolean());
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    /** How many views follow live updates now (for the benchmarks and health figures). */
    public int subscribers() {
        return subscriptions.size();
    }

    @EventListener
    void on(LiveUpdate update) {
        for (Subscription subscription : subscriptions) {
            if (subscription.interest().test(update) && subscription.pending().compareAndSet(false, true)) {
                try {
                    subscription.ui().access(() -> {
                        subscription.pending().set(false);
                        subscription.refresh().run();
                    });
                } catch (UIDetachedException gone) {
                    subscriptions.remove(subscription);
                }
            }
        }
    }

    private record Subscription(UI ui, Predicate<LiveUpdate> interest, Runnable refresh, AtomicBoolean pending) {
    }
}
