package io.gureum.console.image;

/**
 * What a cloud-init image needs from a VM made from it.
 *
 * @param defaultUser the account cloud-init gives the SSH keys to (e.g. {@code debian}, {@code ubuntu})
 * @param minDiskGib  the smallest disk a VM made from it may have, in GiB (at least the image's virtual size)
 */
public record CloudInitImage(String defaultUser, int minDiskGib) {
}
