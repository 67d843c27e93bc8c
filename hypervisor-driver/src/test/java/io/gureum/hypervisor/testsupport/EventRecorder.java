package io.gureum.hypervisor.testsupport;

import io.gureum.hypervisor.HypervisorListener;
import io.gureum.hypervisor.VmEvent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects events and waits for the one a test expects. */
public final class EventRecorder implements HypervisorListener {

    private final List<VmEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> connection = new CopyOnWriteArrayList<>();

    @Override
    public void onVmEvent(VmEvent event) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
    }

    @Override
    public void onConnectionLost(String reason) {
        connection.add("lost");
    }

    @Override
    public void onConnectionRestored() {
        connection.add("restored");
    }

    public VmEvent await(UUID id, VmEvent.Type type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (VmEvent e : events) {
                    if (e.vmId().equals(id) && e.type() == type) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + " event for " + id + " within " + timeout + "; got " + of(id));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public List<VmEvent.Type> of(UUID id) {
        return events.stream().filter(e -> e.vmId().equals(id)).map(VmEvent::type).toList();
    }
}
