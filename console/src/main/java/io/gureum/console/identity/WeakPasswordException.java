package io.gureum.console.identity;

/** A password was refused by the {@link PasswordPolicy}; the message says what to change. */
public class WeakPasswordException extends IllegalArgumentException {

    public WeakPasswordException(String message) {
        super(message);
    }
}
