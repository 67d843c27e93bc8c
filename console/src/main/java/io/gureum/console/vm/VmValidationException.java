package io.gureum.console.vm;

import io.gureum.console.system.InvalidInput;

/** A VM request was refused before anything was made; the message says what to fix. */
public class VmValidationException extends InvalidInput {

    VmValidationException(String message) {
        super(null, message);
    }

    /** A refusal about one input field of the request. */
    VmValidationException(String field, String message) {
        super(field, message);
    }
}
