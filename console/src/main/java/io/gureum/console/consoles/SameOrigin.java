package io.gureum.console.consoles;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Whether a browser's {@code Origin} header names the console's own origin (scheme, host and port). */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean matches(String origin, URI request) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        try {
            URI o = new URI(origin.strip());
            String scheme = webScheme(request.getScheme());
            return o.getScheme() != null && o.getHost() != null
                    && o.getScheme().toLowerCase(Locale.ROOT).equals(scheme)
                    && o.getHost().equalsIgnoreCase(request.getHost())
                    && port(o.getPort(), scheme) == port(request.getPort(), scheme);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The WebSocket request arrives as ws/wss (or http/https on the servlet): compare as http/https. */
    private static String webScheme(String scheme) {
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "ws" -> "http";
            case "wss" -> "https";
            default -> s;
        };
    }

    private static int port(int port, String scheme) {
        return port >= 0 ? port : "https".equals(scheme) ? 443 : 80;
    }
}
