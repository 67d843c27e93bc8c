package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.util.Set;

/**
 * Start, force-off, reboot, suspend and resume. The state is checked first so every backend
 * answers a wrong-state request the same way (the test driver reports some of them as internal
 * errors); libvirt still has the last word if the state changes in between.
 */
final class PowerOps {

    private static final Set<VmState> RUNNING = Set.of(VmState.RUNNING, VmState.BLOCKED);

    private PowerOps() {
    }

    static Void start(Domain d) throws LibvirtException {
        VmState state = NativeDomainState.of(d).state();
        if (state.isActive()) {
            throw wrong(d, "is already running (" + state + ")");
        }
        d.create(0);
        return null;
    }

    static Void forceOff(Domain d) throws LibvirtException {
        if (!NativeDomainState.of(d).state().isActive()) {
            throw wrong(d, "is not running");
        }
        d.destroy();
        return null;
    }

    static Void reboot(Domain d) throws LibvirtException {
        if (!RUNNING.contains(NativeDomainState.of(d).state())) {
            throw wrong(d, "is not running");
        }
        d.reboot(0);
        return null;
    }

    static Void suspend(Domain d) throws LibvirtException {
        VmState state = NativeDomainState.of(d).state();
        if (!RUNNING.contains(state)) {
            throw wrong(d, "cannot be suspended while " + state);
        }
        d.suspend();
        return null;
    }

    static Void resume(Domain d) throws LibvirtException {
        VmState state = NativeDomainState.of(d).state();
        if (state != VmState.PAUSED) {
            throw wrong(d, "is not paused (" + state + ")");
        }
        d.resume();
        return null;
    }

    private static HypervisorException.WrongState wrong(Domain d, String what) throws LibvirtException {
        return new HypervisorException.WrongState("VM " + d.getName() + " " + what);
    }
}
