package io.gureum.console.image;

import java.time.Instant;
import java.util.UUID;

/**
 * A VM base image as the console shows it; {@code id} is also its boot image id.
 *
 * @param source     {@link #UPLOAD} or {@link #HOST_VOLUME}
 * @param hostId     for a host volume, the one host VMs made from it are placed on
 * @param hostVolume for a host volume, its name in the host's pool
 * @param cloudInit  set when an administrator marked it a cloud-init image, else null
 */
public record VmImage(String id, String name, String format, long sizeBytes, long virtualSizeBytes, String boot,
                      Instant createdAt, String uploadedBy, String source, UUID hostId, String hostVolume,
                      CloudInitImage cloudInit) {

    public static final String UPLOAD = "upload";
    public static final String HOST_VOLUME = "host-volume";

    /** An uploaded image. */
    public VmImage(String id, String name, String format, long sizeBytes, long virtualSizeBytes, String boot,
                   Instant createdAt, String uploadedBy) {
        this(id, name, format, sizeBytes, virtualSizeBytes, boot, createdAt, uploadedBy, UPLOAD, null, null, null);
    }

    /** Quota disk of a VM made from it: the virtual size rounded up to whole GiB, at least 1. */
    public int diskGib() {
        return (int) Math.max(1, (virtualSizeBytes + (1L << 30) - 1) >> 30);
    }
}
