package io.gureum.hypervisor;

import java.util.Optional;

/** A storage volume: its format as libvirt records it, sizes in bytes, and its backing volume if any. */
public record VolumeInfo(VolumeRef ref, DiskFormat format, long capacityBytes, long allocationBytes, Optional<String> backingPath) {
}
