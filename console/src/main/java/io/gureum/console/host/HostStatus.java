package io.gureum.console.host;

/** What the console last observed of a host. Maintenance is a separate flag set by an admin. */
public enum HostStatus {
    /** Registered, not checked yet. */
    UNKNOWN,
    /** Answered the last check. */
    UP,
    /** Did not answer; its resources' states are unknown, never "stopped". */
    UNREACHABLE
}
