package io.gureum.console.consoles;

import jakarta.servlet.http.HttpSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Redeems the console token on the HTTP request that asks for the WebSocket, where the user's session and
 * sign-in are known; anything wrong ends the handshake with 403 before a socket exists.
 */
class ConsoleHandshake implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConsoleHandshake.class);
    static final String GRANT = "gureum.console.grant";
    static final String USER = "gureum.console.user";
    static final String COLUMNS = "gureum.console.columns";
    static final String ROWS = "gureum.console.rows";
    static final String COMMAND = "gureum.console.command";
    /** Longer than any command a kind accepts, so that the kind's own check says what is wrong. */
    private static final int MAX_COMMAND_CHARS = 4096;

    private final ConsoleService consoles;

    ConsoleHandshake(ConsoleService consoles) {
        this.consoles = consoles;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getSession(false) : null;
        try {
            Map<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build(true).getQueryParams()
                    .toSingleValueMap().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                            // form encoding: the browser's URLSearchParams writes a space as '+'
                            e -> e.getValue() == null ? "" : URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
            UUID resource = UUID.fromString(query.getOrDefault("resource", ""));
            ConsoleGrant grant = consoles.redeem(query.get("token"), resource, session == null ? null : session.getId(),
                    request.getHeaders().getFirst(HttpHeaders.ORIGIN), request.getURI());
            attributes.put(GRANT, grant);
            attributes.put(USER, user);
            attributes.put(COLUMNS, size(query.get("cols"), 80));
            attributes.put(ROWS, size(query.get("rows"), 24));
            String command = query.get("command");
            if (command != null && !command.isBlank()) {
                if (command.length() > MAX_COMMAND_CHARS) {
                    throw new ConsoleRefusedException("the command is too long");
                }
                attributes.put(COMMAND, command);
            }
            return true;
        } catch (RuntimeException refused) {
            log.info("Console handshake refused: {}", refused.getMessage());
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    static int size(String value, int otherwise) {
        try {
            int n = Integer.parseInt(value == null ? "" : value);
            return n >= 1 && n <= 1000 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
