package io.gureum.container;

/** The object exists but is not in a state that allows the operation (e.g. stopping a stopped container). */
public class WrongStateException extends EngineException {
    public WrongStateException(String message) {
        super(message);
    }

    public WrongStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
