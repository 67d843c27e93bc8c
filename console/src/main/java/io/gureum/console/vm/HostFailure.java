package io.gureum.console.vm;

import io.gureum.console.task.Explained;
import io.gureum.console.task.ExplainedFailure;
import io.gureum.hypervisor.HypervisorException;

/** A hypervisor failure as a task reports it: libvirt's message plus what to do about it. */
final class HostFailure {

    private HostFailure() {
    }

    /** The same failure with advice when it came from the hypervisor; anything else unchanged. */
    static RuntimeException explain(RuntimeException failure) {
        if (failure instanceof Explained || !(failure instanceof HypervisorException)) {
            return failure;
        }
        String advice = switch (failure) {
            case HypervisorException.Unavailable u -> "The host does not answer: check it on the Hosts page and try "
                    + "again when it is up.";
            case HypervisorException.WrongState w -> "The VM is not in a state that allows this: wait until its state "
                    + "on its page settles, then choose an action that fits it.";
            case HypervisorException.Conflict c -> "Something with the same name exists on the host already: an "
                    + "administrator should look there for a leftover domain or volume of this VM.";
            case HypervisorException.NotFound n -> "Something the VM needs is missing on the host (its domain, base "
                    + "image or network): an administrator should check the host.";
            case HypervisorException.InvalidSpec i -> "The host refused the VM's definition: choose another size or "
                    + "image, or ask an administrator; the message above says what was refused.";
            default -> "Try again; if it fails again, an administrator should read the host's libvirt log.";
        };
        return new ExplainedFailure(failure, advice);
    }
}
