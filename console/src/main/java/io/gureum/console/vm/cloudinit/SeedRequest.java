package io.gureum.console.vm.cloudinit;

import java.util.List;
import java.util.UUID;

/**
 * What a VM's NoCloud seed says.
 *
 * @param vmId            the VM's id; the seed's instance id derives from it, so it stays the same for the VM's life
 *                        (cloud-init runs its once-per-instance modules again only when the instance id changes)
 * @param hostname        the guest's host name, one RFC 1123 label
 * @param defaultUser     the image's default user, who gets the keys (e.g. {@code debian})
 * @param authorizedKeys  {@code authorized_keys} lines of already validated public keys
 * @param userCloudConfig optional cloud-config YAML from the user (a mapping), merged under Gureum's settings; null or
 *                        blank for none
 */
public record SeedRequest(UUID vmId, String hostname, String defaultUser, List<String> authorizedKeys,
                          String userCloudConfig) {

    public SeedRequest {
        authorizedKeys = authorizedKeys == null ? List.of() : List.copyOf(authorizedKeys);
    }
}
