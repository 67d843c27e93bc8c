package io.gureum.hypervisor;

/**
 * Root of every failure the hypervisor driver reports. Unchecked; the subclasses say what
 * kind of failure it was so the console can react without parsing messages.
 *
 * <p>{@link #backendCode()} carries the backend's own error name (for libvirt e.g.
 * {@code VIR_ERR_NO_DOMAIN}) and {@link #backendCodeNumber()} its number, or {@code null}/-1
 * when the failure was detected by the driver itself.
 */
public class HypervisorException extends RuntimeException {

    private final String backendCode;
    private final int backendCodeNumber;

    public HypervisorException(String message) {
        this(message, null, -1, null);
    }

    public HypervisorException(String message, String backendCode, int backendCodeNumber, Throwable cause) {
        super(message, cause);
        this.backendCode = backendCode;
        this.backendCodeNumber = backendCodeNumber;
    }

    /** The backend's symbolic error code, e.g. {@code VIR_ERR_NO_DOMAIN}; null if none. */
    public String backendCode() {
        return backendCode;
    }

    /** The backend's numeric error code, or -1. */
    public int backendCodeNumber() {
        return backendCodeNumber;
    }

    /** The VM, volume, pool or network does not exist. */
    public static class NotFound extends HypervisorException {
        public NotFound(String message) {
            super(message);
        }

        public NotFound(String message, String code, int number, Throwable cause) {
            super(message, code, number, cause);
        }
    }

    /** The operation is not allowed in the object's current state (e.g. suspend a stopped VM). */
    public static class WrongState extends HypervisorException {
        public WrongState(String message) {
            super(message);
        }

        public WrongState(String message, String code, int number, Throwable cause) {
            super(message, code, number, cause);
        }
    }

    /** Something with that name or identity already exists. */
    public static class Conflict extends HypervisorException {
        public Conflict(String message) {
            super(message);
        }

        public Conflict(String message, String code, int number, Throwable cause) {
            super(message, code, number, cause);
        }
    }

    /** The request itself is invalid: rejected before or by the hypervisor. */
    public static class InvalidSpec extends HypervisorException {
        public InvalidSpec(String message) {
            super(message);
        }

        public InvalidSpec(String message, String code, int number, Throwable cause) {
            super(message, code, number, cause);
        }
    }

    /** The host cannot be reached right now (daemon down, reconnecting, overloaded); retry later. */
    public static class Unavailable extends HypervisorException {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, String code, int number, Throwable cause) {
            super(message, code, number, cause);
        }
    }
}
