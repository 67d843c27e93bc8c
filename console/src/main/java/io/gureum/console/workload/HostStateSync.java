package io.gureum.console.workload;

import io.gureum.console.host.HostEvents;
import io.gureum.console.host.HostStatus;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * What starts a kind's state sync, the same for every kind: a full pass when the console is ready, a host's pass
 * when it is registered or answers again, and its workloads UNKNOWN when it stops answering. The kind says how
 * to list a host and apply what it lists.
 */
public abstract class HostStateSync {

    @EventListener(ApplicationReadyEvent.class)
    public void watchAllHosts() {
        resyncAll();
    }

    @EventListener
    public void hostRegistered(HostEvents.HostRegistered registered) {
        resyncHost(registered.hostId());
    }

    @EventListener
    public void hostStatusChanged(HostEvents.HostStatusChanged changed) {
        if (!followsLibvirt()) {
            return;
        }
        if (changed.to() == HostStatus.UNREACHABLE) {
            unknownOnHost(changed.hostId(), "host " + changed.name() + " does not answer");
        } else if (changed.to() == HostStatus.UP) {
            resyncHost(changed.hostId());
        }
    }

    /**
     * Whether the kind's workloads live in libvirt, so that libvirt's status (the host's status) is theirs; a kind
     * with a daemon of its own (containers) follows that daemon's availability instead.
     */
    protected boolean followsLibvirt() {
        return true;
    }

    /** The periodic pass: one bulk listing per host. */
    protected abstract void resyncAll();

    /** One bulk listing of the host, applied to its rows. */
    protected abstract void resyncHost(UUID hostId);

    /** The host does not answer: its workloads turn UNKNOWN with the reason. */
    protected abstract void unknownOnHost(UUID hostId, String reason);
}
