package io.gureum.console.api;

import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.image.InstanceSizeService;
import io.gureum.console.image.VmImage;
import io.gureum.console.image.VmImageService;
import io.gureum.hypervisor.VolumeInfo;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The images VMs are made from and the instance size presets, through {@link ImageCatalog}; importing a volume that
 * is on a host already through {@link VmImageService}, and adding or deleting a size through
 * {@link InstanceSizeService}: both let administrators only.
 */
@RestController
@Tag(name = "Images and sizes", description = "VM images and instance size presets")
class ImageController {

    private final ImageCatalog catalog;
    private final VmImageService vmImages;
    private final InstanceSizeService sizes;

    ImageController(ImageCatalog catalog, VmImageService vmImages, InstanceSizeService sizes) {
        this.catalog = catalog;
        this.vmImages = vmImages;
        this.sizes = sizes;
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

    @PostMapping("/api/v1/instance-sizes")
    @Operation(operationId = "createInstanceSize", summary = "Add an instance size preset",
            description = "Administrators only, with the limits the Images page states: 1 to 16 vCPUs, 64 to 65536 "
                    + "MiB of memory, 1 to 4096 GiB of disk, a name not taken.")
    ResponseEntity<InstanceSize> createSize(@RequestBody NewSizeRequest request) {
        InvalidParameters.requireNoUnknownFields(request.unknownFields());
        List<Map<String, String>> missing = new ArrayList<>();
        required(missing, "vcpus", request.vcpus());
        required(missing, "memoryMib", request.memoryMib());
        required(missing, "diskGib", request.diskGib());
        if (!missing.isEmpty()) {
            throw new InvalidParameters(missing);
        }
        InstanceSize created = sizes.create(request.name(), request.vcpus(), request.memoryMib(), request.diskGib());
        return ResponseEntity.created(URI.create("/api/v1/instance-sizes/" + created.id())).body(created);
    }

    /** A missing number would be read as 0 and refused with the facade's range words; "Required." is clearer. */
    private static void required(List<Map<String, String>> missing, String field, Object value) {
        if (value == null) {
            missing.add(Map.of("field", field, "message", "Required."));
        }
    }

    @DeleteMapping("/api/v1/instance-sizes/{id}")
    @Operation(operationId = "deleteInstanceSize", summary = "Delete an instance size preset",
            description = "Administrators only. VMs made with it keep their vCPUs and memory; deleting a size that "
                    + "is gone already is no error.")
    ResponseEntity<Void> deleteSize(@PathVariable UUID id) {
        sizes.delete(id);
        return ResponseEntity.noContent().build();
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

    /** A new size preset, as the Images page's form. */
    record NewSizeRequest(String name, Integer vcpus, Long memoryMib, Integer diskGib,
                          @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {
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
