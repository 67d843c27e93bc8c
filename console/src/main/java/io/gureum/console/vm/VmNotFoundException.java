package io.gureum.console.vm;

import java.util.UUID;

/** No such VM, or one the caller may not see (the two look the same on purpose). */
public class VmNotFoundException extends RuntimeException {

    VmNotFoundException(UUID id) {
        super("There is no virtual machine " + id + ".");
    }
}
