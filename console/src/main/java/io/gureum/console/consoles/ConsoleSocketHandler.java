package io.gureum.console.consoles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Bridges one WebSocket to one console backend. Binary frames both ways carry terminal bytes; the only text
 * frame the browser sends is {@code resize <columns> <rows>}.
 */
class ConsoleSocketHandler extends AbstractWebSocketHandler {

    private static final String CONSOLE = "gureum.console.open";
    private static final Pattern RESIZE = Pattern.compile("resize (\\d{1,4}) (\\d{1,4})");
    /** A browser that stops reading may hold this much output (or wait this long) before its console is closed. */
    private static final int SEND_BUFFER_BYTES = 1 << 20;
    private static final int SEND_TIME_LIMIT_MS = 10_000;

    private final ConsoleService consoles;

    ConsoleSocketHandler(ConsoleService consoles) {
        this.consoles = consoles;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES);
        ConsoleGrant grant = (ConsoleGrant) raw.getAttributes().get(ConsoleHandshake.GRANT);
        Authentication user = (Authentication) raw.getAttributes().get(ConsoleHandshake.USER);
        try {
            OpenConsole console = consoles.connect(grant, user, (int) raw.getAttributes().get(ConsoleHandshake.COLUMNS),
                    (int) raw.getAttributes().get(ConsoleHandshake.ROWS),
                    (String) raw.getAttributes().get(ConsoleHandshake.COMMAND), new OpenConsole.Client() {
                        @Override
                        public void send(byte[] output) {
                            try {
                                session.sendMessage(new BinaryMessage(output));
                            } catch (IOException | IllegalStateException e) {
                                // the browser went away: afterConnectionClosed ends the console
                            }
                        }

                        @Override
                        public void close(String reason) {
                            try {
                                session.close(CloseStatus.NORMAL.withReason(limit(reason)));
                            } catch (IOException ignored) {
                                // already closed
                            }
                        }
                    });
            raw.getAttributes().put(CONSOLE, console);
        } catch (RuntimeException e) {
            raw.close(CloseStatus.POLICY_VIOLATION.withReason(limit(String.valueOf(e.getMessage()))));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        OpenConsole console = (OpenConsole) session.getAttributes().get(CONSOLE);
        if (console != null) {
            ByteBuffer payload = message.getPayload();
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            consoles.input(console, bytes);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        OpenConsole console = (OpenConsole) session.getAttributes().get(CONSOLE);
        Matcher resize = RESIZE.matcher(message.getPayload());
        if (console != null && resize.matches()) {
            console.resize(ConsoleHandshake.size(resize.group(1), 80), ConsoleHandshake.size(resize.group(2), 24));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        OpenConsole console = (OpenConsole) session.getAttributes().get(CONSOLE);
        if (console != null) {
            consoles.close(console, "closed by the browser");
        }
    }

    /** A close reason must fit a control frame (123 bytes). */
    private static String limit(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }
}
