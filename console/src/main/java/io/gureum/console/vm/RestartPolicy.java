package io.gureum.console.vm;

/** What the console does when a VM stops without anyone asking it to. */
public enum RestartPolicy {
    /** Leave it stopped. */
    NEVER,
    /** Start it again (and record that in the audit log): the console keeps the VM running. */
    ALWAYS
}
