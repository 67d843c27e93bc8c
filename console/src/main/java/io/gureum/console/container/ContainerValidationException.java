package io.gureum.console.container;

/** A container request was refused before anything was made; the message says what to fix. */
public class ContainerValidationException extends IllegalArgumentException {

    ContainerValidationException(String message) {
        super(message);
    }
}
