package io.gureum.console.image;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.system.NameRule;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * VM base images uploaded by administrators: checked with qemu-img against the stated format, kept under
 * {@code <gureum.images.dir>/uploads/<uuid>.<format>} and listed by the {@link ImageCatalog}. Users never
 * give paths: uploads arrive in a temporary file under the console's data directory.
 */
@Service
public class VmImageService {

    private static final Logger log = LoggerFactory.getLogger(VmImageService.class);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,63}");
    /** The rule for VM image names, also shown next to the name fields. */
    public static final NameRule NAME_RULE = new NameRule("image name", NAME,
            "1 to 64 letters, digits, spaces or . _ ( ) -, starting with a letter or digit");

    /** A Linux account name as cloud-init's {@code users} accepts it. */
    static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** The largest VM disk the console makes, in GiB (the driver's limit). */
    public static final int MAX_DISK_GIB = 16384;

    private final VmImageRepository images;
    private final DiskImageVerifier verifier;
    private final ImageUsage usage;
    private final ProjectAccess access;
    private final Clock clock;
    private final Path uploadsDir;
    private final Path tempDir;
    private final ApplicationEventPublisher events;
    private final HostService hosts;

    VmImageService(VmImageRepository images, DiskImageVerifier verifier, ImageUsage usage, ProjectAccess access,
                   Clock clock, @Value("${gureum.images.dir:/var/lib/gureum/images}") Path imagesDir,
                   @Value("${gureum.data-dir}") Path dataDir, ApplicationEventPublisher events, HostService hosts) {
        this.hosts = hosts;
        this.events = events;
        this.images = images;
        this.verifier = verifier;
        this.usage = usage;
        this.access = access;
        this.clock = clock;
        this.uploadsDir = imagesDir.resolve("uploads");
        this.tempDir = dataDir.resolve("upload-tmp");
    }

    public List<VmImage> list() {
        return images.findAllByOrderByNameAsc().stream().map(StoredVmImage::summary).toList();
    }

    /** A new empty file for an upload to be written to (the console's data directory, never a user's path). */
    public Path newUploadFile() {
        try {
            Files.createDirectories(tempDir);
            return Files.createTempFile(tempDir, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload file under " + tempDir, e);
        }
    }

    /**
     * Checks the uploaded file (administrators only) and, when it is an image of the stated format with no
     * backing or external data file, keeps it and records it. The temporary file is gone afterwards either way.
     */
    public VmImage upload(String name, DiskFormat format, Path uploaded) {
        try {
            access.requireAdmin();
            String clean = name;
            NAME_RULE.problem(name).ifPresent(problem -> {
                throw new ImageValidationException("name", problem);
            });
            if (format == null) {
                throw new ImageValidationException("format", "State the image's format: qcow2 or raw.");
            }
            if (images.existsByName(clean)) {
                throw new ImageValidationException("name", "There is an image named '" + clean + "' already.");
            }
            DiskImageVerifier.Verified verified = verifier.verify(uploaded, format);
            UUID id = UUID.randomUUID();
            String fileName = id + "." + format.id();
            Path target = uploadsDir.resolve(fileName);
            Files.createDirectories(uploadsDir);
            Files.move(uploaded, target, StandardCopyOption.REPLACE_EXISTING);
            String by = SecurityContextHolder.getContext().getAuthentication().getName();
            try {
                VmImage stored = images.save(new StoredVmImage(id, clean, format.id(), fileName,
                        verified.fileSizeBytes(), verified.virtualSizeBytes(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS), by)).summary();
                log.info("VM image '{}' ({}, {} bytes) uploaded by {} as {}", clean, format.id(),
                        verified.fileSizeBytes(), by, target);
                events.publishEvent(new ImageEvents.ImageChanged("image.uploaded", "vm image " + clean,
                        format.id() + ", " + verified.fileSizeBytes() + " bytes, id " + id));
                return stored;
            } catch (RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded image: " + e.getMessage(), e);
        } finally {
            deleteQuietly(uploaded);
        }
    }

    /** The storage pool VM disks live in on a host (libvirt's test driver brings its own). */
    public static String poolOf(HostSummary host) {
        return host.storagePool().name();
    }

    /** The hosts whose volumes can become images. Administrators only. */
    public List<HostSummary> volumeHosts() {
        access.requireAdmin();
        return hosts.forPlacement();
    }

    /** The volumes in a host's pool, candidates for {@link #importHostVolume}. Administrators only. */
    public List<VolumeInfo> hostVolumes(UUID hostId) {
        access.requireAdmin();
        HostSummary host = host(hostId);
        try {
            return hosts.hypervisorOf(hostId).listVolumes(poolOf(host));
        } catch (HypervisorException e) {
            throw new ImageValidationException("Cannot list the volumes of pool '" + poolOf(host) + "' on host "
                    + host.name() + ": " + e.getMessage());
        }
    }

    /**
     * Records a volume that is in a host's pool already as a VM base image (administrators only): its format
     * must be qcow2 or raw and it must have no backing file. VMs made from it are placed on that host only;
     * the volume is never copied, changed or deleted by the console.
     */
    public VmImage importHostVolume(String name, UUID hostId, String volume) {
        access.requireAdmin();
        HostSummary host = host(hostId);
        // An empty name means "the volume's name"; a typed name is taken as typed.
        String clean = name == null || name.isEmpty() ? (volume == null ? "" : volume) : name;
        NAME_RULE.problem(clean).ifPresent(problem -> {
            throw new ImageValidationException("name", problem);
        });
        if (images.existsByName(clean)) {
            throw new ImageValidationException("name", "There is an image named '" + clean + "' already.");
        }
        VolumeInfo info;
        try {
            info = hosts.hypervisorOf(hostId).volumeInfo(new VolumeRef(poolOf(host), volume));
        } catch (HypervisorException.NotFound missing) {
            throw new ImageValidationException("Host " + host.name() + " has no volume '" + volume + "' in pool '"
                    + poolOf(host) + "'.");
        } catch (HypervisorException | IllegalArgumentException e) {
            throw new ImageValidationException("Volume '" + volume + "' on host " + host.name()
                    + " cannot be used as an image: " + e.getMessage());
        }
        if (info.format() != DiskFormat.QCOW2 && info.format() != DiskFormat.RAW) {
            throw new ImageValidationException("Volume '" + volume + "' is " + info.format() + ", not qcow2 or raw.");
        }
        if (info.backingPath().isPresent()) {
            throw new ImageValidationException("Volume '" + volume + "' has a backing file (" + info.backingPath().get()
                    + "): only stand-alone volumes can be images.");
        }
        UUID id = UUID.randomUUID();
        String by = SecurityContextHolder.getContext().getAuthentication().getName();
        VmImage stored = images.save(StoredVmImage.hostVolume(id, clean, info.format().id(), hostId, volume,
                info.allocationBytes(), info.capacityBytes(), clock.instant().truncatedTo(ChronoUnit.MICROS), by))
                .summary();
        events.publishEvent(new ImageEvents.ImageChanged("image.imported", "vm image " + clean, "volume " + volume
                + " (" + info.format().id() + ") on host " + host.name() + ", usable on that host only, id " + id));
        return stored;
    }

    /**
     * Marks an image as a cloud-init image with its default user and smallest disk, or (settings null) as an ordinary
     * one. Administrators only. The smallest disk is never below the image's own virtual size.
     */
    public VmImage setCloudInit(String imageId, CloudInitImage settings) {
        access.requireAdmin();
        StoredVmImage image = find(imageId).orElseThrow(() -> new ImageValidationException(
                "There is no image '" + imageId + "'."));
        VmImage before = image.summary();
        if (settings != null) {
            if (settings.defaultUser() == null || !LINUX_USER.matcher(settings.defaultUser()).matches()) {
                throw new ImageValidationException("defaultUser", "The default user is the image's Linux account, "
                        + "e.g. debian or ubuntu: 1 to 32 lower-case letters, digits, '_' or '-', starting with a "
                        + "letter or '_'.");
            }
            if (settings.minDiskGib() < before.diskGib() || settings.minDiskGib() > MAX_DISK_GIB) {
                throw new ImageValidationException("minDiskGib", "The smallest disk is " + before.diskGib() + " (the "
                        + "image's own size) to " + MAX_DISK_GIB + " GiB.");
            }
        }
        image.cloudInit(settings);
        VmImage saved = images.save(image).summary();
        events.publishEvent(new ImageEvents.ImageChanged("image.changed", "vm image " + before.name(), settings == null
                ? "not a cloud-init image" : "cloud-init image, default user " + settings.defaultUser()
                + ", disk at least " + settings.minDiskGib() + " GiB"));
        return saved;
    }

    private HostSummary host(UUID hostId) {
        return hosts.describe(hostId).orElseThrow(() -> new ImageValidationException("There is no host " + hostId + "."));
    }

    /**
     * Deletes an uploaded image (administrators only) when no VM uses it any more. For an image that is a
     * volume on a host, only the record goes: the volume stays.
     */
    public void delete(String imageId) {
        access.requireAdmin();
        StoredVmImage image = find(imageId).orElseThrow(() -> new ImageValidationException(
                "There is no uploaded image '" + imageId + "'."));
        List<String> users = usage.vmsUsing(imageId);
        if (!users.isEmpty()) {
            throw new ImageValidationException("Image '" + image.summary().name() + "' is used by VM(s) " + users
                    + ": delete those first.");
        }
        images.delete(image);
        deleteQuietly(uploadsDir.resolve(image.fileName()));
        events.publishEvent(new ImageEvents.ImageChanged("image.deleted", "vm image " + image.summary().name(),
                "id " + imageId));
        // Base volumes already imported onto hosts stay there until an operator removes them.
    }

    java.util.Optional<StoredVmImage> find(String imageId) {
        try {
            return images.findById(UUID.fromString(imageId));
        } catch (IllegalArgumentException notUuid) {
            return java.util.Optional.empty();
        }
    }

    Path fileOf(StoredVmImage image) {
        return uploadsDir.resolve(image.fileName());
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
