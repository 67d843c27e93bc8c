package io.gureum.console.image;

import io.gureum.hypervisor.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The images VMs can be made from: the tiny test guest that {@code src/host/build-test-images.sh} builds
 * (listed only when its files are there, direct kernel boot), then the images administrators uploaded
 * (boot from disk). Also offers the instance sizes to choose from.
 */
@Service
public class ImageCatalog {

    public static final String TINY_LINUX = "tiny-linux";
    /** The Debian 12 cloud image that {@code src/host/build-cloud-image.sh} builds. */
    public static final String DEBIAN_CLOUD = "debian-12-cloud";

    private final Path imagesDir;
    private final VmImageRepository uploaded;
    private final VmImageService uploads;
    private final InstanceSizeService sizes;

    ImageCatalog(@Value("${gureum.images.dir:/var/lib/gureum/images}") Path imagesDir, VmImageRepository uploaded,
                 VmImageService uploads, InstanceSizeService sizes) {
        this.imagesDir = imagesDir;
        this.uploaded = uploaded;
        this.uploads = uploads;
        this.sizes = sizes;
    }

    /** Boot images whose files exist on this console's machine. */
    public List<BootImage> bootImages() {
        List<BootImage> all = new ArrayList<>(tinyLinux().stream().toList());
        debianCloud().ifPresent(all::add);
        for (StoredVmImage image : uploaded.findAllByOrderByNameAsc()) {
            toBootImage(image).ifPresent(all::add);
        }
        return all;
    }

    public Optional<BootImage> find(String id) {
        if (TINY_LINUX.equals(id)) {
            return tinyLinux();
        }
        if (DEBIAN_CLOUD.equals(id)) {
            return debianCloud();
        }
        return id == null ? Optional.empty() : uploads.find(id).flatMap(this::toBootImage);
    }

    /** The instance size presets, smallest first. */
    public List<InstanceSize> instanceSizes() {
        return sizes.list();
    }

    private Optional<BootImage> tinyLinux() {
        Path dir = imagesDir.resolve(TINY_LINUX);
        BootImage tiny = new BootImage(TINY_LINUX, "Tiny Linux (test)", dir.resolve("vmlinuz"), dir.resolve("initrd.img"),
                dir.resolve("base.qcow2"), "console=ttyS0 panic=-1 quiet", 1);
        return Files.isReadable(tiny.kernel()) && Files.isReadable(tiny.initrd()) && Files.isReadable(tiny.baseDisk())
                ? Optional.of(tiny) : Optional.empty();
    }

    /**
     * The Debian cloud image when its disk and manifest are there: it boots from its own disk, and its manifest names
     * the default user and the disk's virtual size (the smallest disk a VM made from it has).
     */
    private Optional<BootImage> debianCloud() {
        Path dir = imagesDir.resolve(DEBIAN_CLOUD);
        Path disk = dir.resolve("disk.qcow2");
        Path manifest = dir.resolve("manifest.properties");
        if (!Files.isReadable(disk) || !Files.isReadable(manifest)) {
            return Optional.empty();
        }
        java.util.Properties facts = new java.util.Properties();
        try (var in = Files.newBufferedReader(manifest)) {
            facts.load(in);
        } catch (java.io.IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        int gib;
        try {
            gib = (int) Math.max(1, (Long.parseLong(facts.getProperty("virtual-size-mib", "2048")) + 1023) / 1024);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        return Optional.of(BootImage.fromDisk(DEBIAN_CLOUD, facts.getProperty("name", "Debian 12 (cloud)"), disk, gib,
                DiskFormat.QCOW2).withCloudInit(new CloudInitImage(facts.getProperty("default-user", "debian"), gib)));
    }

    private Optional<BootImage> toBootImage(StoredVmImage stored) {
        if (stored.onHost()) {
            VmImage image = stored.summary();
            return Optional.of(BootImage.onHostVolume(image.id(), image.name() + " (volume on one host, "
                    + image.format() + ")", stored.hostId(), stored.hostVolume(), image.diskGib(),
                    DiskFormat.fromId(image.format())).withCloudInit(image.cloudInit()));
        }
        Path file = uploads.fileOf(stored);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        VmImage image = stored.summary();
        return Optional.of(BootImage.fromDisk(image.id(), image.name() + " (uploaded, " + image.format() + ")", file,
                image.diskGib(), DiskFormat.fromId(image.format())).withCloudInit(image.cloudInit()));
    }
}
