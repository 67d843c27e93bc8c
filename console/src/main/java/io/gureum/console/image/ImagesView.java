package io.gureum.console.image;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.GlobalRole;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.container.ImageInfo;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.VolumeInfo;
import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Images, for administrators: instance sizes, VM base images (uploaded, checked with qemu-img) and the
 * container images of each host's engine (import a root file system tarball, remove).
 */
@Route("images")
@PageTitle("Images")
@Menu(title = "Images", order = 40, icon = "vaadin:archive")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class ImagesView extends Main {

    private final InstanceSizeService sizes;
    private final VmImageService vmImages;
    private final ContainerImageService containerImages;

    final Grid<InstanceSize> sizeGrid = new Grid<>();
    final TextField sizeName = new TextField("Name");
    final IntegerField sizeVcpus = new IntegerField("vCPUs");
    final IntegerField sizeMemory = new IntegerField("Memory (MiB)");
    final IntegerField sizeDisk = new IntegerField("Disk (GiB)");
    final Button addSize = new Button("Add size");
    final Paragraph sizeMessage = message("size-message");

    final Grid<VmImage> vmImageGrid = new Grid<>();
    final TextField vmImageName = new TextField("Image name");
    final Select<DiskFormat> vmImageFormat = new Select<>();
    final Upload vmImageUpload = new Upload();
    final Paragraph vmImageMessage = message("vm-image-message");

    final Select<HostSummary> volumeHost = new Select<>();
    final Select<VolumeInfo> hostVolume = new Select<>();
    final TextField hostVolumeName = new TextField("Image name");
    final Button importVolume = new Button("Use as image");
    final Paragraph hostVolumeMessage = message("host-volume-message");

    final Select<HostSummary> engineHost = new Select<>();
    final Grid<ImageInfo> containerImageGrid = new Grid<>();
    final TextField rootfsReference = new TextField("Image name:tag");
    final Upload rootfsUpload = new Upload();
    final Paragraph containerImageMessage = message("container-image-message");

    // Refusals that concern one field show next to it; the others in the section's message line.
    final FieldErrors sizeErrors = new FieldErrors().field("name", sizeName).field("vcpus", sizeVcpus)
            .field("memoryMib", sizeMemory).field("diskGib", sizeDisk);
    final FieldErrors vmImageErrors = new FieldErrors().field("name", vmImageName).field("format", vmImageFormat);
    final FieldErrors hostVolumeErrors = new FieldErrors().field("name", hostVolumeName);
    final FieldErrors rootfsErrors = new FieldErrors().field("reference", rootfsReference);

    public ImagesView(InstanceSizeService sizes, VmImageService vmImages, ContainerImageService containerImages) {
        this.sizes = sizes;
        this.vmImages = vmImages;
        this.containerImages = containerImages;
        getStyle().set("padding", "var(--lumo-space-m)");
        add(new H2("Images"));
        sizesSection();
        vmImagesSection();
        hostVolumesSection();
        containerImagesSection();
        reload();
    }

    private void sizesSection() {
        sizeGrid.setId("sizes-grid");
        sizeGrid.addColumn(InstanceSize::name).setHeader("Name");
        sizeGrid.addColumn(InstanceSize::vcpus).setHeader("vCPUs");
        sizeGrid.addColumn(s -> s.memoryMib() + " MiB").setHeader("Memory");
        sizeGrid.addColumn(s -> s.diskGib() + " GiB").setHeader("Disk");
        sizeGrid.addComponentColumn(s -> danger("Delete", () -> {
            sizes.delete(s.id());
            return "Size " + s.name() + " deleted.";
        }, sizeMessage));
        sizeGrid.setAllRowsVisible(true);
        sizeVcpus.setValue(1);
        sizeVcpus.setMin(1);
        sizeMemory.setValue(1024);
        sizeMemory.setStep(64);
        sizeDisk.setValue(10);
        addSize.setId("add-size");
        sizeName.setHelperText(InstanceSizeService.NAME_RULE.rule());
        addSize.addClickListener(click -> {
            sizeErrors.clear();
            boolean readable = sizeErrors.number("vcpus", sizeVcpus, 1, InstanceSizeService.MAX_VCPUS, true)
                    & sizeErrors.number("memoryMib", sizeMemory, InstanceSizeService.MIN_MEMORY_MIB,
                    InstanceSizeService.MAX_MEMORY_MIB, true)
                    & sizeErrors.number("diskGib", sizeDisk, 1, InstanceSizeService.MAX_DISK_GIB, true);
            if (!readable) {
                sizeMessage.setText("");
                return;
            }
            run(() -> {
                InstanceSize added = sizes.create(sizeName.getValue(), sizeVcpus.getValue(), sizeMemory.getValue(),
                        sizeDisk.getValue());
                sizeName.clear();
                return "Size " + added.label() + " added.";
            }, sizeMessage, sizeErrors);
        });
        HorizontalLayout form = new HorizontalLayout(sizeName, sizeVcpus, sizeMemory, sizeDisk, addSize);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H3("Instance sizes"), sizeGrid, form, sizeMessage);
    }

    private void vmImagesSection() {
        vmImageGrid.setId("vm-images-grid");
        vmImageGrid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT); // long names wrap on a 1366-pixel screen
        vmImageGrid.addColumn(VmImage::name).setHeader("Name");
        vmImageGrid.addColumn(VmImage::format).setHeader("Format");
        vmImageGrid.addColumn(i -> Formats.bytes(i.sizeBytes())).setHeader("File size");
        vmImageGrid.addColumn(i -> Formats.bytes(i.virtualSizeBytes())).setHeader("Disk size");
        vmImageGrid.addColumn(i -> "boots from " + i.boot()).setHeader("Kind");
        vmImageGrid.addColumn(i -> VmImage.HOST_VOLUME.equals(i.source())
                ? "volume " + i.hostVolume() + " on one host" : "upload").setHeader("Source");
        vmImageGrid.addColumn(VmImage::uploadedBy).setHeader("Added by");
        vmImageGrid.addColumn(i -> i.cloudInit() == null ? "no" : "user " + i.cloudInit().defaultUser() + ", disk ≥ "
                + i.cloudInit().minDiskGib() + " GiB").setHeader("Cloud-init");
        vmImageGrid.addComponentColumn(i -> {
            Button edit = new Button("Cloud-init…", click -> new CloudInitDialog(i).open());
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return edit;
        });
        vmImageGrid.addComponentColumn(i -> danger("Delete", () -> {
            vmImages.delete(i.id());
            return "Image " + i.name() + " deleted.";
        }, vmImageMessage));
        vmImageGrid.setAllRowsVisible(true);
        vmImageFormat.setLabel("Format (stated, then checked)");
        vmImageFormat.setItems(DiskFormat.values());
        vmImageFormat.setItemLabelGenerator(DiskFormat::id);
        vmImageFormat.setValue(DiskFormat.QCOW2);
        // Typed values reach the server before the upload's request does.
        vmImageName.setValueChangeMode(ValueChangeMode.EAGER);
        vmImageName.setHelperText("empty: the file's name; else " + VmImageService.NAME_RULE.rule());
        vmImageUpload.setId("vm-image-upload");
        vmImageUpload.setMaxFiles(1);
        vmImageUpload.setUploadHandler(UploadHandler.toFile(
                (metadata, file) -> afterUpload(() -> uploadVmImage(file.toPath(), metadata.fileName()), vmImageMessage,
                        vmImageUpload, vmImageErrors),
                metadata -> vmImages.newUploadFile().toFile()));
        HorizontalLayout form = new HorizontalLayout(vmImageName, vmImageFormat, vmImageUpload);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H3("VM images"), new Paragraph("Built in: Tiny Linux (test), direct kernel boot, and Debian 12 (cloud), "
                + "a cloud-init image, when their files are on the console's server. Uploaded qcow2 or raw images boot from their disk; name the image and state "
                + "its format, then upload it."), vmImageGrid, form, vmImageMessage);
    }

    private void hostVolumesSection() {
        volumeHost.setLabel("Host");
        volumeHost.setId("volume-host");
        volumeHost.setItemLabelGenerator(HostSummary::name);
        volumeHost.addValueChangeListener(change -> reloadHostVolumes());
        hostVolume.setLabel("Volume in the host's pool");
        hostVolume.setId("host-volume");
        hostVolume.setItemLabelGenerator(v -> v.ref().volume() + " (" + v.format().id() + ", "
                + Formats.bytes(v.capacityBytes()) + (v.backingPath().isPresent() ? ", has a backing file" : "") + ")");
        hostVolumeName.setHelperText("empty: the volume's name; else " + VmImageService.NAME_RULE.rule());
        importVolume.setId("import-host-volume");
        importVolume.addClickListener(click -> runForm(() -> {
            if (volumeHost.getValue() == null || hostVolume.getValue() == null) {
                throw new ImageValidationException("Choose a host and one of its volumes.");
            }
            VmImage added = vmImages.importHostVolume(hostVolumeName.getValue(), volumeHost.getValue().id(),
                    hostVolume.getValue().ref().volume());
            hostVolumeName.clear();
            return "Image " + added.name() + " added: VMs made from it run on " + volumeHost.getValue().name() + " only.";
        }, hostVolumeMessage, hostVolumeErrors));
        HorizontalLayout form = new HorizontalLayout(volumeHost, hostVolume, hostVolumeName, importVolume);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H3("VM images from a host's volume"), new Paragraph("A qcow2 or raw volume without a backing file that "
                + "is in a host's pool already can be an image as it is: nothing is copied, and VMs made from it run on "
                + "that host only."), form, hostVolumeMessage);
        volumeHost.setItems(vmImages.volumeHosts());
    }

    private void reloadHostVolumes() {
        if (volumeHost.getValue() == null) {
            hostVolume.setItems(List.of());
            return;
        }
        try {
            hostVolume.setItems(vmImages.hostVolumes(volumeHost.getValue().id()));
        } catch (RuntimeException unreachable) {
            hostVolume.setItems(List.of());
            show(hostVolumeMessage, unreachable.getMessage(), false);
        }
    }

    private void containerImagesSection() {
        engineHost.setLabel("Host");
        engineHost.setItemLabelGenerator(h -> h.name() + " (" + h.engineText() + ")");
        engineHost.addValueChangeListener(change -> reloadContainerImages());
        containerImageGrid.setId("container-images-grid");
        containerImageGrid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        containerImageGrid.addColumn(i -> String.join(", ", i.tags())).setHeader("Tags");
        containerImageGrid.addColumn(i -> shortId(i.id())).setHeader("Id");
        containerImageGrid.addColumn(i -> Formats.bytes(i.sizeBytes())).setHeader("Size");
        containerImageGrid.addComponentColumn(i -> danger("Remove", () -> {
            String reference = i.tags().stream().filter(t -> !t.contains("<none>")).findFirst().orElse(i.id());
            containerImages.remove(engineHost.getValue().id(), reference);
            return "Image " + reference + " removed.";
        }, containerImageMessage));
        containerImageGrid.setAllRowsVisible(true);
        rootfsReference.setPlaceholder("tools/alpine:3.20");
        rootfsReference.setHelperText("imported as localhost/<name:tag>");
        rootfsReference.setValueChangeMode(ValueChangeMode.EAGER);
        rootfsUpload.setId("rootfs-upload");
        rootfsUpload.setMaxFiles(1);
        rootfsUpload.setAcceptedFileTypes(".tar", ".gz", ".tgz");
        rootfsUpload.setUploadHandler(UploadHandler.toFile(
                (metadata, file) -> afterUpload(() -> importRootfs(file.toPath()), containerImageMessage, rootfsUpload,
                        rootfsErrors),
                metadata -> vmImages.newUploadFile().toFile()));
        HorizontalLayout form = new HorizontalLayout(rootfsReference, rootfsUpload);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H3("Container images"), engineHost, containerImageGrid,
                new Paragraph("Import root file system (.tar or .tar.gz) onto the chosen host:"), form,
                containerImageMessage);
    }

    void reload() {
        sizeGrid.setItems(sizes.list());
        vmImageGrid.setItems(vmImages.list());
        HostSummary chosen = engineHost.getValue();
        List<HostSummary> engines = containerImages.engineHosts();
        engineHost.setItems(engines);
        engines.stream().filter(h -> chosen != null && h.id().equals(chosen.id())).findFirst()
                .or(() -> engines.stream().findFirst()).ifPresent(engineHost::setValue);
        reloadContainerImages();
    }

    private void reloadContainerImages() {
        if (engineHost.getValue() == null) {
            containerImageGrid.setItems(List.of());
            return;
        }
        try {
            containerImageGrid.setItems(containerImages.images(engineHost.getValue().id()));
        } catch (RuntimeException unavailable) {
            containerImageGrid.setItems(List.of());
            containerImageMessage.setText("The engine of " + engineHost.getValue().name() + " does not answer: "
                    + unavailable.getMessage());
        }
    }

    /**
     * Checks and keeps an uploaded VM image with the name (else the file's name without extension) and the
     * format in the form; the outcome for the user.
     */
    String uploadVmImage(Path file, String fileName) {
        String name = vmImageName.getValue();
        if ((name == null || name.isEmpty()) && fileName != null) {
            String base = Path.of(fileName).getFileName().toString();
            name = (base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base)
                    .replaceAll("[^A-Za-z0-9 ._()-]", "-");
        }
        VmImage image = vmImages.upload(name, vmImageFormat.getValue(), file);
        return "Image " + image.name() + " (" + image.format() + ", " + Formats.bytes(image.sizeBytes())
                + ") accepted: VMs can be made from it.";
    }

    /** Imports an uploaded root file system onto the chosen host; the outcome for the user. */
    String importRootfs(Path file) {
        if (engineHost.getValue() == null) {
            throw new ImageValidationException("Choose a host with a container engine first.");
        }
        ImageInfo imported = containerImages.importRootfs(engineHost.getValue().id(), rootfsReference.getValue(), file);
        return "Imported " + String.join(", ", imported.tags()) + " onto " + engineHost.getValue().name() + ".";
    }

    /** Runs the upload's work on the request thread (the caller's identity), then shows the outcome. */
    private void afterUpload(Supplier<String> work, Paragraph message, Upload upload, FieldErrors errors) {
        String outcome;
        boolean ok;
        RuntimeException failure = null;
        try {
            outcome = work.get();
            ok = true;
        } catch (RuntimeException refused) {
            outcome = refused.getMessage();
            ok = false;
            failure = refused;
        }
        String text = outcome;
        boolean success = ok;
        RuntimeException refusal = failure;
        UI ui = getUI().orElse(UI.getCurrent());
        if (ui != null) {
            ui.access(() -> {
                errors.clear();
                if (refusal instanceof InvalidInput invalid && errors.has(invalid.field())) {
                    errors.show(refusal);
                    message.setText("");
                } else {
                    show(message, text, success);
                }
                upload.clearFileList();
                reload();
            });
        }
    }

    void run(Supplier<String> action, Paragraph message) {
        try {
            show(message, action.get(), true);
            reload();
        } catch (RuntimeException refused) {
            show(message, refused.getMessage(), false);
        }
    }

    /** {@link #run} for a form: a refusal about one of its fields shows next to that field. */
    void runForm(Supplier<String> action, Paragraph message, FieldErrors errors) {
        errors.clear();
        run(action, message, errors);
    }

    private void run(Supplier<String> action, Paragraph message, FieldErrors errors) {
        try {
            show(message, action.get(), true);
            reload();
        } catch (InvalidInput refused) {
            if (errors.has(refused.field())) {
                errors.show(refused);
                message.setText("");
            } else {
                show(message, refused.getMessage(), false);
            }
        } catch (RuntimeException refused) {
            show(message, refused.getMessage(), false);
        }
    }

    /** Marks an image as a cloud-init image (default user, smallest disk) or as an ordinary one. */
    final class CloudInitDialog extends com.vaadin.flow.component.dialog.Dialog {

        final com.vaadin.flow.component.checkbox.Checkbox enabled = new com.vaadin.flow.component.checkbox.Checkbox(
                "Cloud-init image (VMs get a NoCloud seed with the user's SSH keys)");
        final TextField defaultUser = new TextField("Default user");
        final IntegerField minDiskGib = new IntegerField("Smallest disk (GiB)");
        final FieldErrors errors = new FieldErrors().field("defaultUser", defaultUser).field("minDiskGib", minDiskGib);
        final Paragraph outcome = message("cloud-init-message");

        CloudInitDialog(VmImage image) {
            setHeaderTitle("Cloud-init: " + image.name());
            enabled.setValue(image.cloudInit() != null);
            defaultUser.setValue(image.cloudInit() == null ? "debian" : image.cloudInit().defaultUser());
            defaultUser.setHelperText("the image's account that gets the keys, e.g. debian or ubuntu");
            minDiskGib.setValue(image.cloudInit() == null ? image.diskGib() : image.cloudInit().minDiskGib());
            minDiskGib.setHelperText("at least the image's " + image.diskGib() + " GiB");
            Button save = new Button("Save", click -> {
                errors.clear();
                try {
                    vmImages.setCloudInit(image.id(), enabled.getValue() ? new CloudInitImage(defaultUser.getValue(),
                            minDiskGib.getValue() == null ? 0 : minDiskGib.getValue()) : null);
                    show(vmImageMessage, "Image " + image.name() + (enabled.getValue() ? " is a cloud-init image."
                            : " is not a cloud-init image."), true);
                    reload();
                    close();
                } catch (InvalidInput refused) {
                    if (errors.has(refused.field())) {
                        errors.show(refused);
                    } else {
                        show(outcome, refused.getMessage(), false);
                    }
                }
            });
            save.setId("save-cloud-init");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(new com.vaadin.flow.component.orderedlayout.VerticalLayout(enabled, defaultUser, minDiskGib, outcome));
            getFooter().add(new Button("Cancel", click -> close()), save);
        }
    }

    private Button danger(String text, Supplier<String> action, Paragraph message) {
        Button button = new Button(text, click -> {
            ConfirmDialog confirm = new ConfirmDialog(text + "?", "This cannot be undone.", text,
                    yes -> run(action, message));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return button;
    }

    private static void show(Paragraph message, String text, boolean ok) {
        message.setText(text);
        message.getStyle().set("color", ok ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
    }

    private static Paragraph message(String id) {
        Paragraph paragraph = new Paragraph();
        paragraph.setId(id);
        return paragraph;
    }

    private static String shortId(String id) {
        String plain = id.startsWith("sha256:") ? id.substring(7) : id;
        return plain.length() > 12 ? plain.substring(0, 12) : plain;
    }
}
