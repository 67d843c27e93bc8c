package io.gureum.console.image;

import io.gureum.console.system.InvalidInput;

/** An image or size request the console refuses; the message says why, for the user. */
public class ImageValidationException extends InvalidInput {

    public ImageValidationException(String message) {
        super(null, message);
    }

    /** A refusal about one input field of the request. */
    public ImageValidationException(String field, String message) {
        super(field, message);
    }
}
