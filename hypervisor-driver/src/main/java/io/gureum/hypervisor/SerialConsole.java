package io.gureum.hypervisor;

/** What the VM's first serial port is connected to. The log file location is chosen by the driver. */
public enum SerialConsole {
    NONE,
    /** A host pty (interactive console). */
    PTY,
    /** A log file only. */
    LOG_FILE,
    /** A pty whose output is also written to a log file (via virtlogd). */
    PTY_AND_LOG_FILE;

    public boolean logs() {
        return this == LOG_FILE || this == PTY_AND_LOG_FILE;
    }
}
