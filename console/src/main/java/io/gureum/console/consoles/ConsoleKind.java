package io.gureum.console.consoles;

/** What a console shows and which resource kind it belongs to. */
public enum ConsoleKind {
    /** An interactive {@code /bin/sh} in a running container. */
    CONTAINER_SHELL("container shell"),
    /** The serial port of a running VM. */
    VM_SERIAL("VM serial terminal");

    private final String label;

    ConsoleKind(String label) {
        this.label = label;
    }

    /** How the audit log and messages name it. */
    public String label() {
        return label;
    }
}
