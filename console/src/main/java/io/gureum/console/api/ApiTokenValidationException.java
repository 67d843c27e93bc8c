package io.gureum.console.api;

import io.gureum.console.system.InvalidInput;

/** A token request was refused before anything was made; the message says what to fix. */
public class ApiTokenValidationException extends InvalidInput {

    ApiTokenValidationException(String field, String message) {
        super(field, message);
    }
}
