package io.gureum.console.consoles;

import jakarta.servlet.http.HttpSession;
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
        Map<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().toSingleValueMap();
        try {
            UUID resource = UUID.fromString(query.getOrDefault("resource", ""));
            ConsoleGrant grant = consoles.redeem(query.get("token"), resource, session == null ? null : session.getId(),
                    request.getHeaders().getFirst(HttpHeaders.ORIGIN), request.getURI());
            attributes.put(GRANT, grant);
            attributes.put(USER, user);
            attributes.put(COLUMNS, size(query.get("cols"), 80));
            attributes.put(ROWS, size(query.get("rows"), 24));
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
