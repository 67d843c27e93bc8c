package io.gureum.console.image;

/** An image or size request the console refuses; the message says why, for the user. */
public class ImageValidationException extends RuntimeException {

    public ImageValidationException(String message) {
        super(message);
    }
}
