package io.gureum.hypervisor;

/** A disk the driver creates for a VM at define time and removes at undefine time. */
public sealed interface DiskSpec {

    /** A qcow2 copy-on-write overlay on a base image volume; the base's format is stated and checked. */
    record Overlay(VolumeRef base, DiskFormat baseFormat) implements DiskSpec {
        public Overlay {
            Names.require(base != null, "overlay base volume is required");
            Names.require(baseFormat != null, "overlay base format is required");
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

    static DiskSpec empty(String pool, int sizeGiB, DiskFormat format) {
        return new Empty(pool, sizeGiB, format);
    }
}
