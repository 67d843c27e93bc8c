package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.libvirt.Error.ErrorNumber.*;

/** The one place where libvirt errors become typed driver exceptions. */
final class LibvirtErrors {

    private static final Set<Error.ErrorNumber> NOT_FOUND = EnumSet.of(VIR_ERR_NO_DOMAIN, VIR_ERR_NO_STORAGE_POOL,
            VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_NETWORK, VIR_ERR_NO_DOMAIN_METADATA, VIR_ERR_NO_DOMAIN_SNAPSHOT,
            VIR_ERR_NO_INTERFACE, VIR_ERR_NO_SECRET, VIR_ERR_NO_NODE_DEVICE, VIR_ERR_NO_NWFILTER);
    private static final Set<Error.ErrorNumber> WRONG_STATE = EnumSet.of(VIR_ERR_OPERATION_INVALID);
    private static final Set<Error.ErrorNumber> CONFLICT = EnumSet.of(VIR_ERR_DOM_EXIST, VIR_ERR_STORAGE_VOL_EXIST,
            VIR_ERR_NETWORK_EXIST, VIR_ERR_STORAGE_POOL_BUILT, VIR_ERR_RESOURCE_BUSY, VIR_ERR_MULTIPLE_DOMAINS);
    private static final Set<Error.ErrorNumber> INVALID = EnumSet.of(VIR_ERR_XML_ERROR, VIR_ERR_XML_DETAIL,
            VIR_ERR_XML_INVALID_SCHEMA, VIR_ERR_INVALID_ARG, VIR_ERR_CONFIG_UNSUPPORTED, VIR_ERR_NO_KERNEL,
            VIR_ERR_NO_OS, VIR_ERR_NO_NAME, VIR_ERR_NO_SOURCE, VIR_ERR_NO_TARGET, VIR_ERR_OS_TYPE,
            VIR_ERR_INVALID_MAC, VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_ERR_CPU_INCOMPATIBLE);
    private static final Set<Error.ErrorNumber> UNAVAILABLE = EnumSet.of(VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN,
            VIR_ERR_RPC, VIR_ERR_OPERATION_TIMEOUT, VIR_ERR_AGENT_UNRESPONSIVE, VIR_ERR_AUTH_UNAVAILABLE);

    // Kept strongly reachable: JNA callbacks that are garbage collected crash the process.
    private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> { };
    private static volatile boolean silenced;

    private LibvirtErrors() {
    }

    /** Stops libvirt from printing every error to stderr; errors still reach us as exceptions. */
    static synchronized void silenceStderr() {
        if (silenced) {
            return;
        }
        try {
            Connect.setErrorCallback(QUIET);
            silenced = true;
        } catch (LibvirtException e) {
            throw translate(e, "install the libvirt error handler");
        }
    }

    static HypervisorException translate(LibvirtException e, String action) {
        Error error = e.getError();
        Error.ErrorNumber code = error == null ? VIR_ERR_UNKNOWN : error.getCode();
        String libvirtMessage = error == null || error.getMessage() == null ? String.valueOf(e.getMessage()) : error.getMessage();
        String message = "cannot " + action + ": " + libvirtMessage;
        String name = code.name();
        int number = code.ordinal();
        // No libvirt type crosses the SPI, not even as a cause: message and code carry everything.
        Throwable noCause = null;
        if (NOT_FOUND.contains(code)) {
            return new HypervisorException.NotFound(message, name, number, noCause);
        }
        if (WRONG_STATE.contains(code)) {
            return new HypervisorException.WrongState(message, name, number, noCause);
        }
        if (CONFLICT.contains(code) || (code == VIR_ERR_OPERATION_FAILED && libvirtMessage.toLowerCase(Locale.ROOT).contains("already exists"))) {
            return new HypervisorException.Conflict(message, name, number, noCause);
        }
        if (INVALID.contains(code)) {
            return new HypervisorException.InvalidSpec(message, name, number, noCause);
        }
        if (UNAVAILABLE.contains(code) || isConnectionProblem(e)) {
            return new HypervisorException.Unavailable(message, name, number, noCause);
        }
        return new HypervisorException(message, name, number, noCause);
    }

    /** True when the error says the connection itself failed (as opposed to the request). */
    static boolean isConnectionProblem(LibvirtException e) {
        Error error = e.getError();
        if (error == null) {
            return false;
        }
        Error.ErrorNumber code = error.getCode();
        return code == VIR_ERR_NO_CONNECT || code == VIR_ERR_INVALID_CONN
                || error.getDomain() == Error.ErrorDomain.VIR_FROM_RPC
                || (code == VIR_ERR_SYSTEM_ERROR && error.getDomain() == Error.ErrorDomain.VIR_FROM_REMOTE);
    }
}
