package io.gureum.console.consoles;

/** A console could not be opened or a token was not accepted; the message says why, in the user's words. */
public class ConsoleRefusedException extends RuntimeException {
    ConsoleRefusedException(String message) {
        super(message);
    }
}
