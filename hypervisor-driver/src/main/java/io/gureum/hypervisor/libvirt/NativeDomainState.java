package io.gureum.hypervisor.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.IntByReference;
import io.gureum.hypervisor.VmState;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.lang.reflect.Field;

/**
 * State and reason of a domain (virDomainGetState). libvirt-java 0.5.4 has no binding for it,
 * so this is a one-function JNA mapping; the domain pointer is read from libvirt-java's field.
 * If that ever fails, the state comes from virDomainGetInfo and the reason is "unknown".
 */
final class NativeDomainState {

    record StateAndReason(VmState state, String reason) {
    }

    interface Virt extends com.sun.jna.Library {
        int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);
    }

    private static final Virt VIRT;
    private static final Field DOMAIN_POINTER;

    static {
        Virt virt = null;
        Field field = null;
        try {
            virt = Native.load("virt", Virt.class);
            field = Domain.class.getDeclaredField("vdp");
            field.setAccessible(true);
        } catch (Throwable t) {
            virt = null;
        }
        VIRT = virt;
        DOMAIN_POINTER = field;
    }

    private static final String[][] REASONS = {
            {"unknown"},
            {"unknown", "booted", "migrated", "restored", "from_snapshot", "unpaused", "migration_canceled",
                    "save_canceled", "wakeup", "crashed", "postcopy", "postcopy_failed"},
            {"unknown"},
            {"unknown", "user", "migration", "save", "dump", "ioerror", "watchdog", "from_snapshot",
                    "shutting_down", "snapshot", "crashed", "starting_up", "postcopy", "postcopy_failed", "api_error"},
            {"unknown", "user"},
            {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from_snapshot", "daemon"},
            {"unknown", "panicked"},
            {"unknown"},
    };

    private NativeDomainState() {
    }

    static StateAndReason of(Domain domain) throws LibvirtException {
        if (VIRT != null) {
            try {
                Pointer p = ((PointerType) DOMAIN_POINTER.get(domain)).getPointer();
                IntByReference state = new IntByReference();
                IntByReference reason = new IntByReference();
                if (VIRT.virDomainGetState(p, state, reason, 0) == 0) {
                    return new StateAndReason(state(state.getValue()), reason(state.getValue(), reason.getValue()));
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // fall through to the portable path
            }
        }
        return new StateAndReason(state(domain.getInfo().state.ordinal()), "unknown");
    }

    static VmState state(int libvirtState) {
        return switch (libvirtState) {
            case 1 -> VmState.RUNNING;
            case 2 -> VmState.BLOCKED;
            case 3 -> VmState.PAUSED;
            case 4 -> VmState.SHUTTING_DOWN;
            case 5 -> VmState.SHUT_OFF;
            case 6 -> VmState.CRASHED;
            case 7 -> VmState.PM_SUSPENDED;
            default -> VmState.NO_STATE;
        };
    }

    static String reason(int state, int reason) {
        if (state < 0 || state >= REASONS.length || reason < 0 || reason >= REASONS[state].length) {
            return "unknown";
        }
        return REASONS[state][reason];
    }
}
