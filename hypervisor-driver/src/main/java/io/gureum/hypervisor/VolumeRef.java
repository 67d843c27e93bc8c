package io.gureum.hypervisor;

/** A storage volume named by its pool and volume name (never by host path). */
public record VolumeRef(String pool, String volume) {
    public VolumeRef {
        Names.requireName("pool name", pool);
        Names.requireVolumeName(volume);
    }

    @Override
    public String toString() {
        return pool + "/" + volume;
    }
}
