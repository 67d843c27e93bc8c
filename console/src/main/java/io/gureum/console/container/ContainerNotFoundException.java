package io.gureum.console.container;

import java.util.UUID;

/** No such container, or one the caller may not see (the two look the same on purpose). */
public class ContainerNotFoundException extends RuntimeException {

    ContainerNotFoundException(UUID id) {
        super("There is no container " + id + ".");
    }
}
