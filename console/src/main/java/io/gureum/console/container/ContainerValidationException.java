package io.gureum.console.container;

import io.gureum.console.system.InvalidInput;

/** A container request was refused before anything was made; the message says what to fix. */
public class ContainerValidationException extends InvalidInput {

    ContainerValidationException(String message) {
        super(null, message);
    }

    /** A refusal about one input field of the request. */
    ContainerValidationException(String field, String message) {
        super(field, message);
    }
}
