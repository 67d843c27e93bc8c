package io.gureum.console.api;

/** What was asked for is not possible in the state the resource is in now (409 wrong-state); the message says why. */
class WrongState extends RuntimeException {

    WrongState(String message) {
        super(message);
    }
}
