package io.gureum.console.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import io.gureum.console.ui.PlannedPlace;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.hypervisor.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class ImagesViewTest extends SpringBrowserlessTest {

    @Autowired
    InstanceSizeService sizes;

    @Autowired
    VmImageService vmImages;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        sizes.list().stream().filter(s -> s.name().startsWith("view-")).forEach(s -> sizes.delete(s.id()));
        vmImages.list().stream().filter(i -> i.name().startsWith("view-")).forEach(i -> vmImages.delete(i.id()));
    }

    private static <T> List<T> rows(SpringBrowserlessTest test, Grid<T> grid) {
        List<T> rows = new ArrayList<>();
        for (int i = 0; i < test.test(grid).size(); i++) {
            rows.add(test.test(grid).getRow(i));
        }
        return rows;
    }

    @Test
    void the_page_is_built_and_lists_sizes_vm_images_and_the_hosts_container_images() {
        ImagesView view = navigate(ImagesView.class);

        assertThat($(PlannedPlace.class).all()).isEmpty();
        assertThat(rows(this, view.sizeGrid)).extracting(InstanceSize::name).contains("tiny", "small", "medium");
        if (view.engineHost.getValue() != null) {
            assertThat(rows(this, view.containerImageGrid)).anySatisfy(
                    image -> assertThat(image.tags()).contains("localhost/gureum/busybox:latest"));
        }
    }

    @Test
    void an_admin_adds_a_size_from_the_form_and_a_bad_one_is_refused_with_the_reason() {
        ImagesView view = navigate(ImagesView.class);

        test(view.sizeName).setValue("view-big");
        test(view.sizeVcpus).setValue(4);
        test(view.sizeMemory).setValue(8192);
        test(view.sizeDisk).setValue(50);
        test(view.addSize).click();

        assertThat(view.sizeMessage.getText()).contains("view-big");
        assertThat(rows(this, view.sizeGrid)).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("view-big");
            assertThat(s.memoryMib()).isEqualTo(8192);
        });

        // A refusal about the name shows next to the name field.
        test(view.sizeName).setValue("view-big");
        test(view.addSize).click();
        assertThat(view.sizeName.isInvalid()).isTrue();
        assertThat(view.sizeName.getErrorMessage()).contains("already");
        assertThat(view.sizeMessage.getText()).isEmpty();
        test(view.sizeName).setValue("View None");
        test(view.addSize).click();
        assertThat(view.sizeName.getErrorMessage()).contains("not valid");
        view.sizeDisk.getElement().setProperty("value", "99999999999");
        test(view.addSize).click();
        assertThat(view.sizeDisk.getErrorMessage()).isEqualTo("'99999999999' is not a whole number from 1 to 4096.");
        assertThat(rows(this, view.sizeGrid)).extracting(InstanceSize::name).doesNotContain("View None");
    }

    @Test
    void an_uploaded_qcow2_is_listed_and_a_raw_file_stated_as_qcow2_is_refused_with_the_reason() throws Exception {
        ImagesView view = navigate(ImagesView.class);
        test(view.vmImageName).setValue("view-disk");
        view.vmImageFormat.setValue(DiskFormat.QCOW2);

        Path good = uploaded(DiskImages.qcow2(dir, "good.qcow2"));
        view.run(() -> view.uploadVmImage(good, "good.qcow2"), view.vmImageMessage);
        assertThat(view.vmImageMessage.getText()).contains("view-disk", "accepted");
        assertThat(rows(this, view.vmImageGrid)).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("view-disk");
            assertThat(i.format()).isEqualTo("qcow2");
            assertThat(i.boot()).isEqualTo("disk");
        });

        test(view.vmImageName).setValue("view-lie");
        Path lie = uploaded(DiskImages.raw(dir, "lie.img"));
        view.run(() -> view.uploadVmImage(lie, "lie.img"), view.vmImageMessage);
        assertThat(view.vmImageMessage.getText()).contains("raw", "not qcow2");
        assertThat(rows(this, view.vmImageGrid)).extracting(VmImage::name).doesNotContain("view-lie");
        assertThat(lie).doesNotExist();
    }

    private Path uploaded(Path file) throws Exception {
        Path upload = vmImages.newUploadFile();
        Files.copy(file, upload, StandardCopyOption.REPLACE_EXISTING);
        return upload;
    }
}
