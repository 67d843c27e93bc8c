package io.gureum.console.consoles;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The consoles' WebSocket endpoint; the handshake itself checks token, session and origin. */
@Configuration
@EnableWebSocket
class ConsoleSocketConfiguration implements WebSocketConfigurer {

    /** Where the browser connects: {@code ?resource=<id>&token=<token>&cols=<n>&rows=<n>}. */
    static final String PATH = "/consoles/socket";

    private final ConsoleService consoles;

    ConsoleSocketConfiguration(ConsoleService consoles) {
        this.consoles = consoles;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Spring's own origin check stays on (same origin only); ConsoleHandshake checks again and audits.
        registry.addHandler(new ConsoleSocketHandler(consoles), PATH).addInterceptors(new ConsoleHandshake(consoles));
    }
}
