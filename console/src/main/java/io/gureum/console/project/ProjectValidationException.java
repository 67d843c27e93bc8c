package io.gureum.console.project;

import io.gureum.console.system.InvalidInput;

/** A project request was refused before anything changed; the message says what to fix. */
public class ProjectValidationException extends InvalidInput {

    ProjectValidationException(String field, String message) {
        super(field, message);
    }
}
