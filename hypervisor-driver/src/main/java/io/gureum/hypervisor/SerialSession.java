package io.gureum.hypervisor;

/**
 * An interactive connection to a running VM's serial console. Output reaches the {@link Listener} on a driver
 * thread, in order; {@link Listener#ended()} is called once, whichever side ends it.
 */
public interface SerialSession extends AutoCloseable {

    /** Sends keystrokes (raw bytes) to the VM's serial port. */
    void write(byte[] input);

    /** True until the VM stopped, the connection broke or the session was closed. */
    boolean isOpen();

    @Override
    void close();

    /** Where a serial session's output goes. */
    interface Listener {
        void output(byte[] bytes);

        void ended();
    }
}
