package io.gureum.console.identity;

import io.gureum.console.system.InvalidInput;

/** A password was refused by the {@link PasswordPolicy}; the message says what to change. */
public class WeakPasswordException extends InvalidInput {

    public WeakPasswordException(String message) {
        super("password", message);
    }
}
