package io.gureum.hypervisor;

/** A storage pool and its space, in bytes. */
public record PoolInfo(String name, String type, boolean active, long capacityBytes, long allocationBytes, long availableBytes) {
}
