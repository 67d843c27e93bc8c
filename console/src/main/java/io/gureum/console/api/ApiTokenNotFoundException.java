package io.gureum.console.api;

/** No such token, or one the caller may not see (another user's): the two answers are the same. */
public class ApiTokenNotFoundException extends RuntimeException {

    ApiTokenNotFoundException(long tokenId) {
        super("There is no API token " + tokenId + ".");
    }
}
