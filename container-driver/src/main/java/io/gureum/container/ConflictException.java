package io.gureum.container;

/** The request collides with something that exists: a name in use, a host port already bound. */
public class ConflictException extends EngineException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
