package io.gureum.console.host;

/**
 * The storage pool where the console keeps a host's VM disks, as the host last showed it.
 *
 * @param name    libvirt pool name, e.g. "gureum"
 * @param path    the pool's directory on the host
 * @param active  whether the pool was active at the last answer
 * @param note    the last thing the console did to the pool ("created ...", "started ..."), or null
 * @param problem why the pool could not be made or started at the last answer, or null
 */
public record StoragePoolState(String name, String path, boolean active, String note, String problem) {

    /** "Storage pool gureum at /var/lib/...: active, 37 GiB free of 40 GiB (created ...)" or why it is not usable. */
    public String describe(String free, String capacity) {
        String pool = "Storage pool " + name + " at " + path + ": ";
        if (problem != null) {
            return pool + "could not be made: " + problem;
        }
        if (!active) {
            return pool + "not checked yet (the host has not answered).";
        }
        return pool + "active, " + free + " free of " + capacity + (note == null ? "" : " (" + note + ")") + ".";
    }
}
