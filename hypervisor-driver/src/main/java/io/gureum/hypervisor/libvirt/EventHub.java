package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorListener;
import io.gureum.hypervisor.Subscription;
import io.gureum.hypervisor.VmEvent;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Turns libvirt callbacks (which run on the event loop thread and must return quickly) into
 * typed events, delivered in order to subscribers on one dispatch thread per host.
 */
final class EventHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final List<HypervisorListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;

    EventHub(String hostLabel) {
        dispatcher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("gureum-libvirt-events-" + hostLabel).daemon(true).factory());
    }

    Subscription subscribe(HypervisorListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** libvirt lifecycle callback; runs on the event loop thread. */
    int onLifecycle(Domain domain, DomainEvent event) {
        try {
            VmEvent vmEvent = new VmEvent(UUID.fromString(domain.getUUIDString()), domain.getName(),
                    type(event.getType()), detail(event), Instant.now());
            publish(l -> l.onVmEvent(vmEvent));
        } catch (LibvirtException | RuntimeException e) {
            log.warn("cannot read lifecycle event {}: {}", event, e.getMessage());
        }
        return 0;
    }

    void connectionLost(String reason) {
        publish(l -> l.onConnectionLost(reason));
    }

    void connectionRestored() {
        publish(HypervisorListener::onConnectionRestored);
    }

    private void publish(Consumer<HypervisorListener> delivery) {
        try {
            dispatcher.execute(() -> {
                for (HypervisorListener listener : listeners) {
                    try {
                        delivery.accept(listener);
                    } catch (RuntimeException e) {
                        log.warn("hypervisor listener {} failed", listener, e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private static VmEvent.Type type(DomainEventType type) {
        return switch (type) {
            case DEFINED -> VmEvent.Type.DEFINED;
            case UNDEFINED -> VmEvent.Type.UNDEFINED;
            case STARTED -> VmEvent.Type.STARTED;
            case SUSPENDED -> VmEvent.Type.SUSPENDED;
            case RESUMED -> VmEvent.Type.RESUMED;
            case STOPPED -> VmEvent.Type.STOPPED;
            case SHUTDOWN -> VmEvent.Type.SHUTDOWN;
            case CRASHED -> VmEvent.Type.CRASHED;
            case PMSUSPENDED -> VmEvent.Type.PM_SUSPENDED;
            default -> VmEvent.Type.UNKNOWN;
        };
    }

    private static String detail(DomainEvent event) {
        try {
            Object detail = event.getDetail();
            return detail == null ? "unknown" : detail.toString().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        listeners.clear();
        dispatcher.shutdown();
    }
}
