package io.gureum.container.engine;

import com.github.dockerjava.api.exception.DockerException;
import io.gureum.container.ConflictException;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.EngineException;
import io.gureum.container.InvalidSpecException;
import io.gureum.container.NotFoundException;
import io.gureum.container.UnavailableException;
import io.gureum.container.WrongStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place where engine answers (HTTP statuses, transport failures) become typed exceptions. */
final class EngineErrors {
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Podman answers 500 where Docker answers 409: recognise conflicts by their words. */
    private static final List<String> CONFLICT_WORDS = List.of(
            "already in use", "already exists", "address already in use", "port is already allocated", "name is reserved");
    private static final List<String> STATE_WORDS = List.of(
            "is not running", "is paused", "already paused", "not paused", "state improper", "is running",
            "cannot remove", "can only", "is restarting", "is already", "has already been", "is stopped", "not in a running");
    private static final List<String> NOT_FOUND_WORDS = List.of("no such container", "no such image", "no such volume", "no such object", "image not known");

    private EngineErrors() {
    }

    static EngineException translate(String what, Throwable t, EngineEndpoint endpoint) {
        if (t instanceof EngineException e) {
            return e;
        }
        if (t instanceof DockerException de) {
            return fromStatus(what, de.getHttpStatus(), messageOf(de), de);
        }
        IOException io = ioCause(t);
        if (io != null) {
            return unavailable(endpoint, describe(io), t);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new EngineException(what + " failed: " + t, t);
    }

    static EngineException fromStatus(String what, int status, String message, Throwable cause) {
        String m = message.toLowerCase(Locale.ROOT);
        String text = what + ": " + message;
        return switch (status) {
            case 404 -> new NotFoundException(text, cause);
            case 304 -> new WrongStateException(what + ": already in the requested state", cause);
            case 400 -> new InvalidSpecException(text);
            case 409 -> containsAny(m, STATE_WORDS) && !containsAny(m, CONFLICT_WORDS)
                    ? new WrongStateException(text, cause) : new ConflictException(text, cause);
            default -> {
                if (containsAny(m, CONFLICT_WORDS)) {
                    yield new ConflictException(text, cause);
                }
                if (containsAny(m, NOT_FOUND_WORDS)) {
                    yield new NotFoundException(text, cause);
                }
                if (containsAny(m, STATE_WORDS)) {
                    yield new WrongStateException(text, cause);
                }
                yield new EngineException(text + " (HTTP " + status + ")", cause);
            }
        };
    }

    static UnavailableException unavailable(EngineEndpoint endpoint, String reason, Throwable cause) {
        return new UnavailableException("no engine at " + endpoint + " (" + reason + "): " + startHint(endpoint), cause);
    }

    /**
     * A call that reached the engine and got no answer by its deadline: the engine runs (its socket accepts) but
     * is stalled or overloaded, so "start it" would be the wrong advice.
     */
    static UnavailableException stalled(EngineEndpoint endpoint, String what, java.time.Duration timeout,
                                        Throwable cause) {
        return new UnavailableException("the engine at " + endpoint + " accepted the request but gave no answer ("
                + what + ": no answer within " + timeout.toMillis() + " ms): it is stalled or overloaded; check "
                + "its service on the host", cause);
    }

    /** Why an endpoint does not answer, in words an operator can act on. */
    static String describe(IOException io) {
        String m = String.valueOf(io.getMessage());
        if (io instanceof java.net.SocketTimeoutException || m.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "no answer in time: " + m;
        }
        return io.getClass().getSimpleName() + ": " + m;
    }

    static String startHint(EngineEndpoint endpoint) {
        if (endpoint.isUnixSocket()) {
            String path = endpoint.socketPath().toString();
            String missing = Files.exists(endpoint.socketPath()) ? "" : "the socket file does not exist; ";
            if (path.contains("podman")) {
                return missing + "start it with `mkdir -p " + endpoint.socketPath().getParent()
                        + "; podman system service --time=0 unix://" + path + " &` (or src/host/setup.sh)";
            }
            if (path.contains("docker")) {
                return missing + "start it with `systemctl start docker` (or `dockerd &`)";
            }
            return missing + "start the engine's API service on that socket";
        }
        return "check that the engine listens on " + endpoint.uri().getHost() + ":" + endpoint.uri().getPort()
                + " with TLS and that the client certificates match";
    }

    static String messageOf(DockerException e) {
        String body = String.valueOf(e.getMessage());
        Matcher m = MESSAGE.matcher(body);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"").replace("\\n", " ");
        }
        return body.replaceFirst("^Status \\d+: ", "").trim();
    }

    static IOException ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static boolean containsAny(String s, List<String> words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
