package io.gureum.console.vm;

import java.util.UUID;

/**
 * A request to create a VM.
 *
 * @param hostId a host chosen by an administrator, or null for automatic placement
 */
public record NewVm(String name, long projectId, String imageId, int vcpus, long memoryMib, UUID hostId) {
}
