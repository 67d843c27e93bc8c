package io.gureum.console.system;

/**
 * A request a service refused before doing anything, with the input field it concerns, so that any client (a dialog,
 * the API) can show the message next to that field. Each feature has its own subclass.
 */
public class InvalidInput extends IllegalArgumentException {

    private final String field;

    /** A refusal about one field, e.g. {@code "name"}; null when it concerns the request as a whole. */
    protected InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field the message is about ({@code "name"}, {@code "memoryMib"}, ...), or null for the whole request. */
    public String field() {
        return field;
    }
}
