package io.gureum.console.vm;

import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands each recorded state change of a VM to the open pages that show that VM, so that they update
 * at once (through Vaadin push) instead of at their next poll; and counts VM events, so that lists poll
 * a number instead of the database. Subscribers are called on a small pool of
 * platform threads, never on the thread that recorded the change (often the hypervisor's event loop).
 * Only the VM id travels: a subscriber reads the VM again through {@link VmService}, with its own
 * user's rights.
 */
@Component
class VmStateFeed {

    private static final Logger log = LoggerFactory.getLogger(VmStateFeed.class);

    private final AtomicLong version = new AtomicLong();
    private final ConcurrentMap<UUID, Set<Consumer<UUID>>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("vm-state-push-", 0).daemon().factory());

    /** Calls {@code changed} with the VM's id each time its recorded state changes, until removed. */
    Registration subscribe(UUID vmId, Consumer<UUID> changed) {
        subscribers.computeIfAbsent(vmId, id -> ConcurrentHashMap.newKeySet()).add(changed);
        return () -> subscribers.computeIfPresent(vmId, (id, set) -> {
            set.remove(changed);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Goes up with every VM event (a state observed, an action asked for or finished, an adoption): a view
     * that remembers the version it showed reloads only when something happened since.
     */
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
        Set<Consumer<UUID>> listening = subscribers.get(changed.vmId());
        if (listening == null) {
            return;
        }
        for (Consumer<UUID> subscriber : listening) {
            try {
                delivery.execute(() -> {
                    try {
                        subscriber.accept(changed.vmId());
                    } catch (RuntimeException e) {
                        log.debug("a page did not take the new state of VM {}: {}", changed.vmId(), e.getMessage());
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        delivery.shutdownNow();
    }
}
