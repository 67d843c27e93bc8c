package io.gureum.console.consoles;

import java.util.function.Consumer;

/** An open console backend (an exec session, a serial stream): keystrokes in, terminal output out. */
public interface ConsoleStream extends AutoCloseable {

    void write(byte[] input);

    void resize(int columns, int rows);

    /** Ends the backend; the output's {@link Output#ended()} follows. */
    @Override
    void close();

    /**
     * A stream over a backend's own operations, so that each console kind passes method references instead of
     * writing the same adapter again.
     */
    static ConsoleStream of(Consumer<byte[]> write, Resize resize, Runnable close) {
        return new ConsoleStream() {
            @Override
            public void write(byte[] input) {
                write.accept(input);
            }

            @Override
            public void resize(int columns, int rows) {
                resize.resize(columns, rows);
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** How a backend takes a new terminal size. */
    @FunctionalInterface
    interface Resize {
        void resize(int columns, int rows);
    }

    /** Where a backend's output goes, on whatever thread the backend delivers it. */
    interface Output {
        void output(byte[] bytes);

        /** The backend ended by itself (the command exited, the resource went away) or was closed. */
        void ended();
    }
}
