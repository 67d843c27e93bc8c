package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.ShutdownOutcome;
import io.gureum.hypervisor.VmState;

import java.time.Duration;
import java.util.UUID;

/**
 * Graceful shutdown: ask the guest (its agent when it answers, else ACPI), watch the state, pull the plug after the timeout.
 * Waiting happens on the caller's thread, so no libvirt worker is held while the guest thinks.
 */
final class ShutdownVm {

    private static final Duration POLL = Duration.ofMillis(200);

    private final HostConnection host;

    ShutdownVm(HostConnection host) {
        this.host = host;
    }

    ShutdownOutcome shutdown(UUID id, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new HypervisorException.InvalidSpec("shutdown timeout must be zero or positive");
        }
        boolean asked = host.call("shut down VM " + id, c -> Domains.with(c, id, d -> {
            if (!Domains.isActive(d)) {
                return false;
            }
            GuestAgent.shutdown(d);
            return true;
        }));
        if (!asked) {
            return ShutdownOutcome.ALREADY_OFF;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!state(id).isActive()) {
                return ShutdownOutcome.GRACEFUL;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HypervisorException.Unavailable("interrupted while waiting for VM " + id + " to shut down");
            }
        }
        boolean forced = host.call("force off VM " + id, c -> Domains.with(c, id, d -> {
            if (!Domains.isActive(d)) {
                return false;
            }
            d.destroy();
            return true;
        }));
        return forced ? ShutdownOutcome.FORCED : ShutdownOutcome.GRACEFUL;
    }

    private VmState state(UUID id) {
        return host.call("read state of VM " + id, c -> Domains.with(c, id, d -> NativeDomainState.of(d).state()));
    }
}
