package io.gureum.container;

/** The container, image or volume does not exist on the engine. */
public class NotFoundException extends EngineException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
