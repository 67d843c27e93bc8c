package io.gureum.hypervisor;

/** A storage volume named by its pool and volume name (never by host path). */
public record VolumeRef(String pool, String volume) {
    public VolumeRef {
        Names.requireName("pool name", pool);
        Names.requireVolumeName(volume);
    }

    /** Checks a pool name by the same rule; returns it. */
    public static String requirePoolName(String pool) {
        return Names.requireName("pool name", pool);
    }

    @Override
    public String toString() {
        return pool + "/" + volume;
    }
}
