package io.gureum.console.vm.cloudinit;

import io.gureum.console.system.InvalidInput;

/** A seed request was refused before anything was made: a bad hostname, user name or user data. */
public class SeedValidationException extends InvalidInput {

    SeedValidationException(String field, String message) {
        super(field, message);
    }
}
