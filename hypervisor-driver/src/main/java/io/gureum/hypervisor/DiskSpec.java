package io.gureum.hypervisor;

/** A disk the driver creates for a VM at define time and removes at undefine time. */
public sealed interface DiskSpec {

    /**
     * A qcow2 copy-on-write overlay on a base image volume; the base's format is stated and checked. Its virtual size
     * is {@code sizeGiB} GiB (the guest grows its file system into it), or the base's when {@code sizeGiB} is 0; a
     * size below the base's is refused when the disk is made.
     */
    record Overlay(VolumeRef base, DiskFormat baseFormat, int sizeGiB) implements DiskSpec {
        public Overlay {
            Names.require(base != null, "overlay base volume is required");
            Names.require(baseFormat != null, "overlay base format is required");
            Names.require(sizeGiB >= 0 && sizeGiB <= 16384, "overlay size must be 0 (the base's) or 1..16384 GiB, was "
                    + sizeGiB);
        }

        /** An overlay as large as its base. */
        public Overlay(VolumeRef base, DiskFormat baseFormat) {
            this(base, baseFormat, 0);
        }
    }

    /**
     * A cloud-init seed: an existing raw volume (the "cidata" ISO the caller uploaded) attached read-only as a virtio
     * disk, because a seed on a SATA CD-ROM is not found by every cloud image. The VM owns it from then on:
     * undefining the VM removes it with the disks the driver made.
     */
    record Seed(VolumeRef volume) implements DiskSpec {
        public Seed {
            Names.require(volume != null, "seed volume is required");
        }
    }

    /** A new empty volume of {@code sizeGiB} GiB in {@code pool}, in the stated format. */
    record Empty(String pool, int sizeGiB, DiskFormat format) implements DiskSpec {
        public Empty {
            Names.requireName("pool name", pool);
            Names.require(sizeGiB >= 1 && sizeGiB <= 16384, "empty disk size must be 1..16384 GiB, was " + sizeGiB);
            Names.require(format != null, "empty disk format is required");
        }
    }

    static DiskSpec overlay(VolumeRef base, DiskFormat baseFormat) {
        return new Overlay(base, baseFormat);
    }

    static DiskSpec overlay(VolumeRef base, DiskFormat baseFormat, int sizeGiB) {
        return new Overlay(base, baseFormat, sizeGiB);
    }

    static DiskSpec seed(VolumeRef volume) {
        return new Seed(volume);
    }

    static DiskSpec empty(String pool, int sizeGiB, DiskFormat format) {
        return new Empty(pool, sizeGiB, format);
    }
}
