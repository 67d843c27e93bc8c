package io.gureum.console.vm;

import io.gureum.console.system.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the console's promise for VMs with restart policy ALWAYS: when one is seen stopped or
 * crashed although its owner wanted it running, it is started again, as the user "system", and
 * the restart is audited. Nobody has to be woken at night.
 */
@Component
class VmKeeper {

    private static final Logger log = LoggerFactory.getLogger(VmKeeper.class);

    private final VmService vms;

    VmKeeper(VmService vms) {
        this.vms = vms;
    }

    @EventListener
    void stateChanged(VmEvents.VmStateChanged changed) {
        if (changed.to() != VmStatus.STOPPED && changed.to() != VmStatus.CRASHED) {
            return;
        }
        SystemActor.run(() -> {
            try {
                vms.restartByPolicy(changed.vmId(), "it became " + changed.to().name().toLowerCase()
                        + " without a console action" + (changed.reason() == null ? "" : ": " + changed.reason()))
                        .ifPresent(started -> log.info("VM {} stopped without a console action; restarting it "
                                + "(restart policy always).", started.vm().name()));
            } catch (RuntimeException e) {
                log.warn("could not restart VM {} by policy: {}", changed.vmId(), e.getMessage());
            }
        });
    }
}
