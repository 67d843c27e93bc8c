package io.gureum.console.consoles;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.core.Authentication;

/** One open console: the browser side, the backend, whose it is and since when; closed once, whoever ends it. */
final class OpenConsole {

    /** The browser side of a console (the WebSocket). */
    interface Client {
        void send(byte[] output);

        /** Closes the connection, telling the browser why. */
        void close(String reason);
    }

    private final ConsoleGrant grant;
    private final Authentication user;
    private final Client client;
    private final Instant openedAt;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConsoleStream stream;
    private volatile Instant lastInput;

    OpenConsole(ConsoleGrant grant, Authentication user, Client client, Instant openedAt) {
        this.grant = grant;
        this.user = user;
        this.client = client;
        this.openedAt = openedAt;
        this.lastInput = openedAt;
    }

    void attach(ConsoleStream backend) {
        this.stream = backend;
    }

    void input(byte[] bytes, Instant now) {
        lastInput = now;
        ConsoleStream s = stream;
        if (s != null && !closed.get()) {
            s.write(bytes);
        }
    }

    void resize(int columns, int rows) {
        ConsoleStream s = stream;
        if (s != null && !closed.get()) {
            s.resize(columns, rows);
        }
    }

    /** True only for the first call: the caller then ends the backend and the connection and records it. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }

    ConsoleGrant grant() {
        return grant;
    }

    Authentication user() {
        return user;
    }

    Client client() {
        return client;
    }

    ConsoleStream stream() {
        return stream;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastInput() {
        return lastInput;
    }
}
