package io.gureum.console.vm;

import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleResource;
import io.gureum.console.consoles.ConsoleStream;
import io.gureum.console.consoles.ConsoleTarget;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The VM screen (VNC through noVNC) as a browser console: checks and finds the VNC server through {@link VmService}. */
@Component
class VmScreen implements ConsoleTarget {

    private final VmService vms;

    VmScreen(VmService vms) {
        this.vms = vms;
    }

    @Override
    public ConsoleKind kind() {
        return ConsoleKind.VM_SCREEN;
    }

    @Override
    public ConsoleResource authorize(UUID resourceId) {
        VmSummary vm = vms.screenTarget(resourceId);
        return new ConsoleResource(vm.id(), "VM " + vm.name(), vm.projectId());
    }

    @Override
    public ConsoleStream open(UUID resourceId, int columns, int rows, ConsoleStream.Output output) {
        return VncRelay.open(vms.screenAddress(resourceId), output);
    }
}
