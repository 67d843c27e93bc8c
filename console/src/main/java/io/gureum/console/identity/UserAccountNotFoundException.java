package io.gureum.console.identity;

import java.util.NoSuchElementException;

/** No user with that id or name. */
public class UserAccountNotFoundException extends NoSuchElementException {

    public UserAccountNotFoundException(String message) {
        super(message);
    }
}
