package io.gureum.console.quota;

import io.gureum.console.system.InvalidInput;

/** Quota amounts the console refuses, e.g. a negative limit; the field is the amount's name ("vcpus", ...). */
public class QuotaValidationException extends InvalidInput {

    QuotaValidationException(String field, String message) {
        super(field, message);
    }
}
