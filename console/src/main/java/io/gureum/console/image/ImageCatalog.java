package io.gureum.console.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The images VMs can be made from. Today: the tiny test guest that {@code src/host/build-test-images.sh}
 * builds, listed only when its files are there. Importing and uploading images comes later.
 */
@Service
public class ImageCatalog {

    public static final String TINY_LINUX = "tiny-linux";

    private final Path imagesDir;

    ImageCatalog(@Value("${gureum.images.dir:/var/lib/gureum/images}") Path imagesDir) {
        this.imagesDir = imagesDir;
    }

    /** Boot images whose files exist on this console's machine. */
    public List<BootImage> bootImages() {
        Path dir = imagesDir.resolve(TINY_LINUX);
        BootImage tiny = new BootImage(TINY_LINUX, "Tiny Linux (test)", dir.resolve("vmlinuz"), dir.resolve("initrd.img"),
                dir.resolve("base.qcow2"), "console=ttyS0 panic=-1 quiet", 1);
        return Files.isReadable(tiny.kernel()) && Files.isReadable(tiny.initrd()) && Files.isReadable(tiny.baseDisk())
                ? List.of(tiny) : List.of();
    }

    public Optional<BootImage> find(String id) {
        return bootImages().stream().filter(image -> image.id().equals(id)).findFirst();
    }
}
