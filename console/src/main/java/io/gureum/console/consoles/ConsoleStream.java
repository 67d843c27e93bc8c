package io.gureum.console.consoles;

/** An open console backend (an exec session, a serial stream): keystrokes in, terminal output out. */
public interface ConsoleStream extends AutoCloseable {

    void write(byte[] input);

    void resize(int columns, int rows);

    /** Ends the backend; the output's {@link Output#ended()} follows. */
    @Override
    void close();

    /** Where a backend's output goes, on whatever thread the backend delivers it. */
    interface Output {
        void output(byte[] bytes);

        /** The backend ended by itself (the command exited, the resource went away) or was closed. */
        void ended();
    }
}
