package io.gureum.console.image;

import io.gureum.hypervisor.DiskFormat;
import java.nio.file.Path;

/**
 * A bootable image from the console's own catalog: a base disk that VM disks are copy-on-write
 * overlays of, booted either by direct kernel boot (kernel, initrd, cmdline) or from the disk itself
 * (uploaded images). Paths are the console's, never a user's.
 *
 * @param id       stable key stored with each VM, e.g. {@code tiny-linux}
 * @param name     what users see, e.g. "Tiny Linux (test)"
 * @param diskGib  size counted against the quota for a VM's disk
 * @param kind     how a VM made from it boots
 * @param format   the base disk's format, stated (and verified) when the image was added
 * @param onlyOnHost for an image that is a volume on one host: that host (VMs are placed there only), else null
 * @param hostVolume for such an image: the volume's name in the host's pool (the base of VM disks), else null
 * @param cloudInit  for a cloud-init image: its default user and smallest disk, else null
 */
public record BootImage(String id, String name, Path kernel, Path initrd, Path baseDisk, String cmdline, int diskGib,
                        Kind kind, DiskFormat format, java.util.UUID onlyOnHost, String hostVolume,
                        CloudInitImage cloudInit) {

    public BootImage(String id, String name, Path kernel, Path initrd, Path baseDisk, String cmdline, int diskGib,
                     Kind kind, DiskFormat format, java.util.UUID onlyOnHost, String hostVolume) {
        this(id, name, kernel, initrd, baseDisk, cmdline, diskGib, kind, format, onlyOnHost, hostVolume, null);
    }

    /** The same image, as a cloud-init image with these settings (null: not one). */
    public BootImage withCloudInit(CloudInitImage settings) {
        return new BootImage(id, name, kernel, initrd, baseDisk, cmdline, diskGib, kind, format, onlyOnHost, hostVolume,
                settings);
    }

    public boolean isCloudInit() {
        return cloudInit != null;
    }

    public BootImage(String id, String name, Path kernel, Path initrd, Path baseDisk, String cmdline, int diskGib,
                     Kind kind, DiskFormat format) {
        this(id, name, kernel, initrd, baseDisk, cmdline, diskGib, kind, format, null, null);
    }

    /** An image that is a volume on one host already and boots from its disk. */
    public static BootImage onHostVolume(String id, String name, java.util.UUID host, String volume, int diskGib,
                                         DiskFormat format) {
        return new BootImage(id, name, null, null, null, "", diskGib, Kind.DISK, format, host, volume);
    }

    /** How a VM boots. */
    public enum Kind {
        /** Kernel and initrd from the catalog, base disk as the root disk. */
        DIRECT_KERNEL,
        /** From the first disk (an uploaded image with its own boot loader). */
        DISK
    }

    /** A direct-kernel-boot image with a qcow2 base disk. */
    public BootImage(String id, String name, Path kernel, Path initrd, Path baseDisk, String cmdline, int diskGib) {
        this(id, name, kernel, initrd, baseDisk, cmdline, diskGib, Kind.DIRECT_KERNEL, DiskFormat.QCOW2);
    }

    /** An image that boots from its disk. */
    public static BootImage fromDisk(String id, String name, Path baseDisk, int diskGib, DiskFormat format) {
        return new BootImage(id, name, null, null, baseDisk, "", diskGib, Kind.DISK, format);
    }

    public boolean bootsFromDisk() {
        return kind == Kind.DISK;
    }
}
