package io.gureum.console.image;

import java.time.Instant;

/** An uploaded VM base image as the console shows it; {@code id} is also its boot image id. */
public record VmImage(String id, String name, String format, long sizeBytes, long virtualSizeBytes, String boot,
                      Instant createdAt, String uploadedBy) {

    /** Quota disk of a VM made from it: the virtual size rounded up to whole GiB, at least 1. */
    public int diskGib() {
        return (int) Math.max(1, (virtualSizeBytes + (1L << 30) - 1) >> 30);
    }
}
