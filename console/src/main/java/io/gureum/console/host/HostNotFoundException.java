package io.gureum.console.host;

import java.util.UUID;

/** No host with that id; still a {@link HostValidationException}, which callers already expect of a missing host. */
public class HostNotFoundException extends HostValidationException {

    HostNotFoundException(UUID hostId) {
        super("There is no host " + hostId + ".");
    }
}
