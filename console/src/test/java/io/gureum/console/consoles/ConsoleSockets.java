package io.gureum.console.consoles;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Signed-in WebSocket clients of the console socket, for the token tests of every console kind. */
final class ConsoleSockets {

    private final int port;
    private final LoginThrottle throttle;

    ConsoleSockets(int port, LoginThrottle throttle) {
        this.port = port;
        this.throttle = throttle;
    }

    HttpLogin logIn(String username) throws Exception {
        throttle.forgetAll();
        HttpLogin login = new HttpLogin(port);
        login.logIn(username, Fixtures.PASSWORD);
        return login;
    }

    String origin() {
        return "http://localhost:" + port;
    }

    URI socket(UUID resource, String token) {
        return URI.create("ws://localhost:" + port + "/consoles/socket?resource=" + resource + "&token=" + token
                + "&cols=100&rows=30");
    }

    Client connect(HttpLogin login, String origin, UUID resource, String token) throws Exception {
        Client client = new Client();
        client.socket = login.webSocket().header("Origin", origin).buildAsync(socket(resource, token), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status the handshake was refused with. */
    int refusal(HttpLogin login, String origin, UUID resource, String token) throws Exception {
        try {
            login.webSocket().header("Origin", origin).buildAsync(socket(resource, token), new Client())
                    .get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError("the handshake was accepted");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A WebSocket client that keeps what the console sent and how it ended. */
    static final class Client implements WebSocket.Listener {
        final StringBuffer screen = new StringBuffer();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket;

        void type(String keys) throws Exception {
            socket.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);
        }

        void awaitOutput(String text) throws InterruptedException {
            try {
                ConsoleSockets.await("'" + text + "' on the screen", () -> screen.toString().contains(text));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the screen: " + screen, e);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            screen.append(new String(bytes, StandardCharsets.UTF_8));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error: " + error);
        }
    }
}
