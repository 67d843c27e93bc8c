package io.gureum.console.host;

/** A host registration was refused; the message says what to fix. */
public class HostValidationException extends IllegalArgumentException {

    public HostValidationException(String message) {
        super(message);
    }
}
