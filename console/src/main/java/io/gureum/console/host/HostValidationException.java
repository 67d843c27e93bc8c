package io.gureum.console.host;

import io.gureum.console.system.InvalidInput;

/** A host registration was refused; the message says what to fix. */
public class HostValidationException extends InvalidInput {

    public HostValidationException(String message) {
        super(null, message);
    }

    /** A refusal about one input field of the request. */
    public HostValidationException(String field, String message) {
        super(field, message);
    }
}
