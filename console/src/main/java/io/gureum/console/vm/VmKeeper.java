package io.gureum.console.vm;

import io.gureum.console.workload.RestartPolicyKeeper;
import io.gureum.console.workload.WorkloadKind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the console's promise for VMs with restart policy ALWAYS: when one is seen stopped or
 * crashed although its owner wanted it running, it is started again, as the user "system", and
 * the restart is audited. Nobody has to be woken at night.
 */
@Component
class VmKeeper {

    private final VmService vms;

    VmKeeper(VmService vms) {
        this.vms = vms;
    }

    @EventListener
    void stateChanged(VmEvents.VmStateChanged changed) {
        if (changed.to() != VmStatus.STOPPED && changed.to() != VmStatus.CRASHED) {
            return;
        }
        RestartPolicyKeeper.keep(WorkloadKind.VM, changed.vmId(), changed.to(), changed.reason(),
                (id, why) -> vms.restartByPolicy(id, why).map(started -> started.vm().name()));
    }
}
