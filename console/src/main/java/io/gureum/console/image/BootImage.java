package io.gureum.console.image;

import java.nio.file.Path;

/**
 * A bootable image from the console's own catalog: a kernel and initrd for direct boot plus a base
 * disk that VM disks are copy-on-write overlays of. Paths are the console's, never a user's.
 *
 * @param id       stable key stored with each VM, e.g. {@code tiny-linux}
 * @param name     what users see, e.g. "Tiny Linux (test)"
 * @param diskGib  size counted against the quota for a VM's disk
 */
public record BootImage(String id, String name, Path kernel, Path initrd, Path baseDisk, String cmdline, int diskGib) {
}
