package io.gureum.console.vm;

import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleResource;
import io.gureum.console.consoles.ConsoleStream;
import io.gureum.console.consoles.ConsoleTarget;
import io.gureum.hypervisor.SerialSession;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The VM serial terminal as a browser console: checks and opens through {@link VmService}. */
@Component
class VmSerialTerminal implements ConsoleTarget {

    private final VmService vms;

    VmSerialTerminal(VmService vms) {
        this.vms = vms;
    }

    @Override
    public ConsoleKind kind() {
        return ConsoleKind.VM_SERIAL;
    }

    @Override
    public ConsoleResource authorize(UUID resourceId) {
        VmSummary vm = vms.serialTarget(resourceId);
        return new ConsoleResource(vm.id(), "VM " + vm.name(), vm.projectId());
    }

    @Override
    public ConsoleStream open(UUID resourceId, int columns, int rows, ConsoleStream.Output output) {
        SerialSession serial = vms.openSerial(resourceId, new SerialSession.Listener() {
            @Override
            public void output(byte[] bytes) {
                output.output(bytes);
            }

            @Override
            public void ended() {
                output.ended();
            }
        });
        return ConsoleStream.of(serial::write, (newColumns, newRows) -> {
            // A serial line has no size to tell; the guest keeps its own (stty).
        }, serial::close);
    }
}
