package io.gureum.console.quota;

import java.util.List;

/** A demand does not fit in what the project's quota leaves; the message names each exceeded limit. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(List<String> exceeded) {
        super("The project's quota would be exceeded: " + String.join(", ", exceeded) + ".");
    }
}
