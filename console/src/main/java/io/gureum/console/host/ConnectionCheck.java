package io.gureum.console.host;

/**
 * The outcome of "test connection": ok with what the host said, or the failure with what to do.
 */
public record ConnectionCheck(boolean ok, String message) {

    static ConnectionCheck ok(String message) {
        return new ConnectionCheck(true, message);
    }

    static ConnectionCheck failed(String message) {
        return new ConnectionCheck(false, message);
    }
}
