package io.gureum.console.vm;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
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
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new UsernamePasswordAuthenticationToken("system", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(system);
        try {
            vms.restartByPolicy(changed.vmId(), "it became " + changed.to().name().toLowerCase()
                    + " without a console action" + (changed.reason() == null ? "" : ": " + changed.reason()))
                    .ifPresent(started -> log.info("VM {} stopped without a console action; restarting it "
                            + "(restart policy always).", started.vm().name()));
        } catch (RuntimeException e) {
            log.warn("could not restart VM {} by policy: {}", changed.vmId(), e.getMessage());
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
