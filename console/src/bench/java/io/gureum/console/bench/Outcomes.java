package io.gureum.console.bench;

import io.gureum.console.container.ContainerEvents;
import io.gureum.console.vm.VmEvents;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Listens to the application events the console publishes when a create ends (the same events its live
 * views and audit log get) and stamps the moment with {@link System#nanoTime()}: a benchmark waits for its
 * resource here instead of polling. Registered on the context's event multicaster for the benchmark's life.
 */
final class Outcomes implements ApplicationListener<ApplicationEvent>, AutoCloseable {

    /** How a create ended, and when (nanoTime). */
    record Outcome(boolean ok, String detail, long atNanos) {
    }

    private final ApplicationEventMulticaster multicaster;
    private final Map<UUID, CompletableFuture<Outcome>> created = new ConcurrentHashMap<>();

    Outcomes(ApplicationContext context) {
        multicaster = context.getBean(
                AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class);
        multicaster.addApplicationListener(this);
    }

    // The events' action() says "vm.create.succeeded" / ".failed".
    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (!(event instanceof PayloadApplicationEvent<?> payload)) {
            return;
        }
        long now = System.nanoTime();
        switch (payload.getPayload()) {
            case VmEvents.VmActionFinished f when f.action().startsWith("vm.create.") ->
                    future(f.vmId()).complete(new Outcome(f.ok(), f.detail(), now));
            case ContainerEvents.ContainerActionFinished f when f.action().startsWith("container.create.") ->
                    future(f.containerId()).complete(new Outcome(f.ok(), f.detail(), now));
            default -> {
            }
        }
    }

    private CompletableFuture<Outcome> future(UUID id) {
        return created.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Waits for the end of the create of {@code id}. */
    Outcome await(UUID id, Duration timeout) {
        try {
            return future(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("create of " + id + " did not end within " + timeout + ": " + e, e);
        } finally {
            created.remove(id);
        }
    }

    /** The machine's 1-minute load average now: on a shared machine, what the figures were measured under. */
    static String loadAverage() {
        return Bench.loadAverage();
    }

    @Override
    public void close() {
        multicaster.removeApplicationListener(this);
    }
}
