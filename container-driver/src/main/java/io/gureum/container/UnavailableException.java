package io.gureum.container;

/** The engine does not answer: socket missing, connection refused or timed out. */
public class UnavailableException extends EngineException {
    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
