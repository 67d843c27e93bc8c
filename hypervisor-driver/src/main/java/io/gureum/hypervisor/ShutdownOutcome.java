package io.gureum.hypervisor;

/** How a graceful shutdown request ended. */
public enum ShutdownOutcome {
    /** The guest powered off by itself within the timeout. */
    GRACEFUL,
    /** The guest ignored the request; it was forced off after the timeout. */
    FORCED,
    /** The VM was not running. */
    ALREADY_OFF
}
