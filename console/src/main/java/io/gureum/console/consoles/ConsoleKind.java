package io.gureum.console.consoles;

/** What a console shows and which resource kind it belongs to. */
public enum ConsoleKind {
    /** An interactive {@code /bin/sh} (or a command the user typed) in a running container. */
    CONTAINER_SHELL("container shell"),
    /** What a running container's main process writes (the engine's attach), read-only. */
    CONTAINER_OUTPUT("container output"),
    /** The serial port of a running VM. */
    VM_SERIAL("VM serial terminal"),
    /** The screen of a running VM (its VNC server, shown by noVNC). */
    VM_SCREEN("VM screen");

    private final String label;

    ConsoleKind(String label) {
        this.label = label;
    }

    /** How the audit log and messages name it. */
    public String label() {
        return label;
    }
}
