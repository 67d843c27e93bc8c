package io.gureum.console.api;

import java.util.List;
import java.util.Map;

/** Request parameters the API itself refuses (paging bounds), each with its field and what is allowed. */
class InvalidParameters extends RuntimeException {

    private final List<Map<String, String>> errors;

    InvalidParameters(List<Map<String, String>> errors) {
        super("invalid parameters " + errors);
        this.errors = List.copyOf(errors);
    }

    /** A refusal of one field. */
    static InvalidParameters of(String field, String message) {
        return new InvalidParameters(List.of(Map.of("field", field, "message", message)));
    }

    List<Map<String, String>> errors() {
        return errors;
    }
}
