package io.gureum.console.image;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.hypervisor.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Uploaded VM base images: checked with qemu-img against the stated format before they are kept. */
@ConsoleTest
class VmImageServiceTest {

    @Autowired
    VmImageService images;

    @Autowired
    ImageCatalog catalog;

    @Autowired
    Fixtures fixtures;

    @TempDir
    Path dir;

    final List<String> made = new ArrayList<>();

    @AfterEach
    void deleteUploaded() {
        made.forEach(id -> asAdmin(() -> images.delete(id)));
    }

    private Path asUploaded(Path file) throws Exception {
        // What the upload handler does: the bytes land in a console-owned file.
        Path upload = images.newUploadFile();
        Files.copy(file, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return upload;
    }

    @Test
    void a_qcow2_stated_as_qcow2_is_accepted_kept_and_offered_as_a_disk_boot_image() throws Exception {
        Path upload = asUploaded(DiskImages.qcow2(dir, "good.qcow2"));
        String name = Actors.unique("img");

        VmImage image = asAdmin(() -> images.upload(name, DiskFormat.QCOW2, upload));
        made.add(image.id());

        assertThat(image.format()).isEqualTo("qcow2");
        assertThat(image.virtualSizeBytes()).isEqualTo(64L << 20);
        assertThat(image.diskGib()).isEqualTo(1);
        assertThat(image.uploadedBy()).isEqualTo("admin");
        assertThat(upload).doesNotExist();
        assertThat(images.list()).extracting(VmImage::name).contains(name);
        BootImage boot = catalog.find(image.id()).orElseThrow();
        assertThat(boot.bootsFromDisk()).isTrue();
        assertThat(boot.format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(boot.baseDisk()).exists().hasFileName(image.id() + ".qcow2");
        assertThat(boot.baseDisk().getParent().getFileName()).hasToString("uploads");
        assertThat(catalog.bootImages()).extracting(BootImage::id).contains(image.id());
    }

    @Test
    void an_administrator_marks_an_image_as_cloud_init_with_its_default_user_and_smallest_disk() throws Exception {
        Path upload = asUploaded(DiskImages.qcow2(dir, "cloud.qcow2"));
        VmImage image = asAdmin(() -> images.upload(Actors.unique("cloud"), DiskFormat.QCOW2, upload));
        made.add(image.id());

        assertThatThrownBy(() -> asAdmin(() -> images.setCloudInit(image.id(), new CloudInitImage("Debian User", 2))))
                .isInstanceOf(ImageValidationException.class).extracting("field").isEqualTo("defaultUser");
        assertThatThrownBy(() -> asAdmin(() -> images.setCloudInit(image.id(), new CloudInitImage("debian", 0))))
                .isInstanceOf(ImageValidationException.class).extracting("field").isEqualTo("minDiskGib");
        assertThatThrownBy(() -> asUser("someone", () -> images.setCloudInit(image.id(),
                new CloudInitImage("debian", 2)))).isInstanceOf(AccessDeniedException.class);
        assertThat(catalog.find(image.id()).orElseThrow().isCloudInit()).as("refusals change nothing").isFalse();

        asAdmin(() -> images.setCloudInit(image.id(), new CloudInitImage("debian", 3)));

        assertThat(catalog.find(image.id()).orElseThrow().cloudInit()).isEqualTo(new CloudInitImage("debian", 3));
        assertThat(images.list()).filteredOn(i -> i.id().equals(image.id())).singleElement()
                .extracting(VmImage::cloudInit).isEqualTo(new CloudInitImage("debian", 3));
        asAdmin(() -> images.setCloudInit(image.id(), null));
        assertThat(catalog.find(image.id()).orElseThrow().isCloudInit()).isFalse();
    }

    @Test
    void a_raw_image_stated_as_raw_is_accepted() throws Exception {
        Path upload = asUploaded(DiskImages.raw(dir, "disk.raw"));

        VmImage image = asAdmin(() -> images.upload(Actors.unique("raw"), DiskFormat.RAW, upload));
        made.add(image.id());

        assertThat(image.format()).isEqualTo("raw");
        assertThat(catalog.find(image.id()).orElseThrow().format()).isEqualTo(DiskFormat.RAW);
    }

    @Test
    void a_qcow2_with_a_backing_file_is_refused_and_its_upload_deleted() throws Exception {
        Path base = DiskImages.qcow2(dir, "base.qcow2");
        Path upload = asUploaded(DiskImages.qcow2WithBacking(dir, "overlay.qcow2", base));
        int before = images.list().size();

        assertThatThrownBy(() -> asAdmin(() -> images.upload(Actors.unique("ovl"), DiskFormat.QCOW2, upload)))
                .isInstanceOf(ImageValidationException.class)
                .hasMessageContaining("backing file");
        assertThat(upload).doesNotExist();
        assertThat(images.list()).hasSize(before);
    }

    @Test
    void a_raw_file_stated_as_qcow2_is_refused_with_its_real_format() throws Exception {
        Path upload = asUploaded(DiskImages.raw(dir, "disk.img"));

        assertThatThrownBy(() -> asAdmin(() -> images.upload(Actors.unique("lie"), DiskFormat.QCOW2, upload)))
                .isInstanceOf(ImageValidationException.class)
                .hasMessageContaining("raw").hasMessageContaining("not qcow2");
        assertThat(upload).doesNotExist();
    }

    @Test
    void users_who_are_not_administrators_cannot_upload_and_their_upload_is_deleted() throws Exception {
        Path upload = asUploaded(DiskImages.qcow2(dir, "mine.qcow2"));
        String user = fixtures.user("img").username();

        assertThatThrownBy(() -> asUser(user, () -> images.upload("mine", DiskFormat.QCOW2, upload)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(upload).doesNotExist();
    }
}
