package io.gureum.console.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An uploaded VM base image; its file is {@code <images dir>/uploads/<fileName>}. */
@Entity
@Table(name = "vm_image")
class StoredVmImage {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 8)
    private String format;

    @Column(name = "file_name", nullable = false, length = 64)
    private String fileName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "virtual_size_bytes", nullable = false)
    private long virtualSizeBytes;

    @Column(nullable = false, length = 8)
    private String boot;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "uploaded_by", nullable = false, length = 64)
    private String uploadedBy;

    /** "upload" (a file under the images directory) or "host-volume" (a volume on one host). */
    @Column(nullable = false, length = 16)
    private String source = "upload";

    @Column(name = "host_id")
    private UUID hostId;

    @Column(name = "host_volume", length = 255)
    private String hostVolume;

    /** True when an administrator marked it a cloud-init image (V20). */
    @Column(name = "cloud_init", nullable = false)
    private boolean cloudInit;

    @Column(name = "default_user", length = 32)
    private String defaultUser;

    @Column(name = "min_disk_gib")
    private Integer minDiskGib;

    protected StoredVmImage() {
    }

    StoredVmImage(UUID id, String name, String format, String fileName, long sizeBytes, long virtualSizeBytes,
                  Instant createdAt, String uploadedBy) {
        this.id = id;
        this.name = name;
        this.format = format;
        this.fileName = fileName;
        this.sizeBytes = sizeBytes;
        this.virtualSizeBytes = virtualSizeBytes;
        this.boot = "disk";
        this.createdAt = createdAt;
        this.uploadedBy = uploadedBy;
    }

    /** A volume that is on one host already; it has no file on the console's machine. */
    static StoredVmImage hostVolume(UUID id, String name, String format, UUID hostId, String volume, long sizeBytes,
                                    long virtualSizeBytes, Instant createdAt, String by) {
        StoredVmImage image = new StoredVmImage(id, name, format, "host-" + id, sizeBytes, virtualSizeBytes, createdAt,
                by);
        image.source = VmImage.HOST_VOLUME;
        image.hostId = hostId;
        image.hostVolume = volume;
        return image;
    }

    boolean onHost() {
        return VmImage.HOST_VOLUME.equals(source);
    }

    UUID hostId() {
        return hostId;
    }

    String hostVolume() {
        return hostVolume;
    }

    UUID id() {
        return id;
    }

    String fileName() {
        return fileName;
    }

    void cloudInit(CloudInitImage settings) {
        this.cloudInit = settings != null;
        this.defaultUser = settings == null ? null : settings.defaultUser();
        this.minDiskGib = settings == null ? null : settings.minDiskGib();
    }

    VmImage summary() {
        return new VmImage(id.toString(), name, format, sizeBytes, virtualSizeBytes, boot, createdAt, uploadedBy,
                source, hostId, hostVolume, cloudInit ? new CloudInitImage(defaultUser, minDiskGib) : null);
    }
}
