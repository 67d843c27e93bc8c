package io.gureum.container;

/** Root of every failure the container driver reports; translated once from engine answers. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
