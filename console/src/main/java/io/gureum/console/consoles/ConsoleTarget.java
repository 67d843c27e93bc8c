package io.gureum.console.consoles;

import java.util.UUID;

/**
 * A kind of console, implemented by the feature that owns the resource (the container feature for shells). Both
 * methods check the caller's right through that feature's facade: at least MEMBER of the resource's project.
 */
public interface ConsoleTarget {

    ConsoleKind kind();

    /**
     * Returns the resource if the caller may open this console on it now; throws the facade's exception
     * (access denied, not found, not running) otherwise. Called when a token is issued, when it is redeemed, and
     * every second while the console is open.
     */
    ConsoleResource authorize(UUID resourceId);

    /** Opens the backend with a terminal of the given size; output goes to {@code output}. */
    ConsoleStream open(UUID resourceId, int columns, int rows, ConsoleStream.Output output);

    /**
     * Opens the backend running the command the user typed when opening the console ({@code null}: the kind's
     * default). Only kinds that run a command take one; the others ignore it. The kind validates it.
     */
    default ConsoleStream open(UUID resourceId, int columns, int rows, String command, ConsoleStream.Output output) {
        return open(resourceId, columns, rows, output);
    }
}
