package io.gureum.console.identity;

import io.gureum.console.system.InvalidInput;

/** A user request was refused before anything changed; the message says what to fix. */
public class UserValidationException extends InvalidInput {

    UserValidationException(String field, String message) {
        super(field, message);
    }
}
