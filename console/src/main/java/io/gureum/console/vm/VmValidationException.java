package io.gureum.console.vm;

/** A VM request was refused before anything was made; the message says what to fix. */
public class VmValidationException extends IllegalArgumentException {

    VmValidationException(String message) {
        super(message);
    }
}
