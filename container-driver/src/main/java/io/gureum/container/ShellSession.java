package io.gureum.container;

/**
 * An interactive command with a terminal in a running container (an exec session with a TTY). Output reaches
 * the {@link Listener} on a driver thread, in order; {@link Listener#ended()} is called once, whichever side ends it.
 */
public interface ShellSession extends AutoCloseable {

    /** Sends keystrokes (raw bytes, as a terminal sends them) to the command. */
    void write(byte[] input);

    /** Tells the command's terminal its new size. */
    void resize(int columns, int rows);

    /** True until the command exited, the stream broke or the session was closed. */
    boolean isOpen();

    /** Ends the session: hangs up the terminal so that the command ends too, and frees the connection. */
    @Override
    void close();

    /** Where a shell session's output goes. */
    interface Listener {
        /** Terminal output, raw bytes (escape sequences included). */
        void output(byte[] bytes);

        /** The session ended: the command exited, the engine went away, or it was closed. */
        void ended();
    }
}
