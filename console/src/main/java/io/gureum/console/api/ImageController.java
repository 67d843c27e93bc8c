package io.gureum.console.api;

import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.image.VmImage;
import io.gureum.console.image.VmImageService;
import io.gureum.hypervisor.VolumeInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The images VMs are made from and the instance size presets, through {@link ImageCatalog}; importing a volume that
 * is on a host already through {@link VmImageService}, which lets administrators only.
 */
@RestController
@Tag(name = "Images and sizes", description = "VM images and instance size presets")
class ImageController {

    private final ImageCatalog catalog;
    private final VmImageService vmImages;

    ImageController(ImageCatalog catalog, VmImageService vmImages) {
        this.catalog = catalog;
        this.vmImages = vmImages;
    }

    @GetMapping("/api/v1/images")
    @Operation(operationId = "listImages", summary = "List the images a VM can be made from",
            description = "The id is what a new VM names as its image.")
    List<ImageResource> images() {
        return catalog.bootImages().stream().map(ImageResource::of).toList();
    }

    @GetMapping("/api/v1/instance-sizes")
    @Operation(operationId = "listInstanceSizes", summary = "List the instance size presets, smallest first")
    List<InstanceSize> sizes() {
        return catalog.instanceSizes();
    }

    @GetMapping("/api/v1/hosts/{hostId}/volumes")
    @Operation(operationId = "listHostVolumes", summary = "List the volumes in a host's storage pool",
            description = "Administrators only: the candidates for importing as an image.")
    List<VolumeResource> volumes(@PathVariable UUID hostId) {
        return vmImages.hostVolumes(hostId).stream().map(VolumeResource::of).toList();
    }

    @PostMapping("/api/v1/images")
    @Operation(operationId = "importHostVolumeImage", summary = "Make a volume that is on a host already an image",
            description = "Administrators only. The volume must be qcow2 or raw without a backing file; VMs made "
                    + "from it are placed on that host only, and the console never copies, changes or deletes it. "
                    + "An empty name takes the volume's name.")
    ResponseEntity<ImportedImage> importVolume(@RequestBody VolumeImport request) {
        if (request.hostId() == null) {
            throw InvalidParameters.of("hostId", "Required: the host whose pool holds the volume.");
        }
        VmImage image = vmImages.importHostVolume(request.name(), request.hostId(), request.volume());
        return ResponseEntity.status(HttpStatus.CREATED).body(ImportedImage.of(image));
    }

    /** An image: {@code boot} is how a VM made from it boots, {@code hostId} the only host for a host's volume. */
    record ImageResource(String id, String name, BootImage.Kind boot, String format, int diskGib, UUID hostId) {

        static ImageResource of(BootImage image) {
            return new ImageResource(image.id(), image.name(), image.kind(),
                    image.format() == null ? null : image.format().id(), image.diskGib(), image.onlyOnHost());
        }
    }

    /** A volume in a host's pool; {@code backingPath} is set when it is an overlay (and cannot be an image). */
    record VolumeResource(String name, String format, long capacityBytes, long allocationBytes, String backingPath) {

        static VolumeResource of(VolumeInfo volume) {
            return new VolumeResource(volume.ref().volume(), volume.format().id(), volume.capacityBytes(),
                    volume.allocationBytes(), volume.backingPath().orElse(null));
        }
    }

    record VolumeImport(String name, UUID hostId, String volume) {
    }

    /** The image as recorded. */
    record ImportedImage(String id, String name, String format, long sizeBytes, long virtualSizeBytes,
                         Instant createdAt, String createdBy, UUID hostId, String hostVolume) {

        static ImportedImage of(VmImage image) {
            return new ImportedImage(image.id(), image.name(), image.format(), image.sizeBytes(),
                    image.virtualSizeBytes(), image.createdAt(), image.uploadedBy(), image.hostId(),
                    image.hostVolume());
        }
    }
}
