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

    /** Refuses {@code value} of the parameter {@code field} unless it is between {@code min} and {@code max}. */
    static void requireBetween(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameters(List.of(Map.of("field", field, "message",
                    "Between " + min + " and " + max + ".")));
        }
    }

    /**
     * Refuses a body with fields its record does not have (collected by {@code @JsonAnySetter}): the console's
     * JSON reading ignores unknown fields, and a misspelt field must not be silently left at its default.
     */
    static void requireNoUnknownFields(Map<String, Object> unknown) {
        if (unknown != null && !unknown.isEmpty()) {
            throw new InvalidParameters(unknown.keySet().stream().sorted()
                    .map(field -> Map.of("field", field, "message", "There is no such field.")).toList());
        }
    }

    /** A refusal of one field. */
    static InvalidParameters of(String field, String message) {
        return new InvalidParameters(List.of(Map.of("field", field, "message", message)));
    }

    List<Map<String, String>> errors() {
        return errors;
    }
}
