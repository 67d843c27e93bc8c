package io.gureum.console.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.system.LiveUpdate;
import java.util.Set;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fans {@link LiveUpdate} events out to the open views that care, through server push: a view subscribes
 * while it is attached and its refresh runs in its UI's lock at once, instead of at the next poll. A burst of
 * events (a host going away turns hundreds of VMs "unknown") costs each view one refresh, not one per event.
 * Views keep a slow poll as well, for what no event reports. Refreshes are handed to the UIs from two platform
 * threads of this class, never from the thread that published the event (often a driver's event thread):
 * {@code UI.access} runs the refresh at once when the session is free, and a refresh reads the database.
 */
@Component
public class LiveUpdates {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ExecutorService delivery;

    public LiveUpdates() {
        this(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("live-updates-", 0).daemon().factory()));
    }

    /** With a delivery executor of the caller's choice (tests run deliveries on the calling thread). */
    LiveUpdates(ExecutorService delivery) {
        this.delivery = delivery;
    }

    /** Runs {@code refresh} in {@code ui} whenever a {@link LiveUpdate} that {@code interest} accepts arrives. */
    public Registration subscribe(UI ui, Predicate<LiveUpdate> interest, Runnable refresh) {
        Subscription subscription = new Subscription(ui, interest, refresh, new AtomicBoolean());
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    /**
     * Keeps a view current while it is attached: polls every {@code pollMillis} (for what no event reports, such as
     * task progress) and runs {@code refresh} at once on the live updates {@code interest} accepts. Removing the
     * registration (on detach) ends both and stops the UI's polling.
     */
    public Registration follow(UI ui, int pollMillis, Runnable poll, Predicate<LiveUpdate> interest,
                               Runnable refresh) {
        ui.setPollInterval(pollMillis);
        Registration polling = ui.addPollListener(event -> poll.run());
        Registration live = subscribe(ui, interest, refresh);
        return () -> {
            live.remove();
            polling.remove();
            ui.setPollInterval(-1);
        };
    }

    /** How many views follow live updates now (for the benchmarks and health figures). */
    public int subscribers() {
        return subscriptions.size();
    }

    /**
     * A change another console instance observed (relayed through the database): it goes to the views like a local
     * one, without going through the event bus (where audit and keepers would act on it a second time).
     */
    public void publishedElsewhere(LiveUpdate update) {
        on(update);
    }

    @EventListener
    void on(LiveUpdate update) {
        for (Subscription subscription : subscriptions) {
            if (subscription.interest().test(update) && subscription.pending().compareAndSet(false, true)) {
                try {
                    delivery.execute(() -> deliver(subscription));
                } catch (RejectedExecutionException shuttingDown) {
                    return;
                }
            }
        }
    }

    private void deliver(Subscription subscription) {
        try {
            subscription.ui().access(() -> {
                subscription.pending().set(false);
                subscription.refresh().run();
            });
        } catch (UIDetachedException gone) {
            subscriptions.remove(subscription);
        }
    }

    @PreDestroy
    void stop() {
        delivery.shutdownNow();
    }

    private record Subscription(UI ui, Predicate<LiveUpdate> interest, Runnable refresh, AtomicBoolean pending) {
    }
}
