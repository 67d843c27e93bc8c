package io.gureum.container;

import java.util.Locale;

/** Transport protocol of a published port. */
public enum Protocol {
    TCP, UDP;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol fromApiName(String name) {
        return "udp".equalsIgnoreCase(name) ? UDP : TCP;
    }
}
