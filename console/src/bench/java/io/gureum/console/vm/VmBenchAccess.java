package io.gureum.console.vm;

import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark-only access to the VM feature's background passes, which are package-private on purpose (nothing in
 * the product calls them from outside): the periodic resync of one host or of all, and the VM quota recount.
 */
public final class VmBenchAccess {

    private VmBenchAccess() {
    }

    /** VmStateSync's periodic path for one host: one bulk listing, compared with the host's live VM rows. */
    public static void resyncHost(ApplicationContext context, UUID hostId) {
        context.getBean(VmStateSync.class).resyncHost(hostId);
    }

    /** The periodic resync of every host. */
    public static void resyncAll(ApplicationContext context) {
        context.getBean(VmStateSync.class).resyncAll();
    }

    /** The VM part of the quota recount (one bulk listing per host); returns how many projects drift. */
    public static int vmDrift(ApplicationContext context) {
        return context.getBean(VmDrift.class).drift().size();
    }
}
