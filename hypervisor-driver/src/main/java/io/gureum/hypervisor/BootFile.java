package io.gureum.hypervisor;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A kernel or initrd for direct kernel boot. Either a storage volume, or a path the console
 * resolved from its own trusted catalog of boot images. Never a path typed by a user.
 */
public sealed interface BootFile {

    /** A boot file stored as a libvirt volume. */
    record Volume(VolumeRef ref) implements BootFile {
        public Volume {
            Names.require(ref != null, "boot volume is required");
        }
    }

    /**
     * A file on the hypervisor host, taken from the console's trusted catalog (operator
     * configuration), never from a request. Must be absolute, normalised and plain.
     */
    record CatalogPath(Path path) implements BootFile {
        private static final Pattern SAFE = Pattern.compile("/[A-Za-z0-9_./+-]{1,4095}");

        public CatalogPath {
            Names.require(path != null, "catalog path is required");
            String s = path.toString();
            Names.require(path.isAbsolute() && path.normalize().equals(path) && SAFE.matcher(s).matches()
                    && !s.contains("/../") && !s.endsWith("/.."),
                    "catalog path must be absolute, normalised and made of [A-Za-z0-9_./+-]: " + Names.quote(s));
        }
    }

    static BootFile volume(VolumeRef ref) {
        return new Volume(ref);
    }

    static BootFile catalogPath(Path path) {
        return new CatalogPath(path);
    }
}
