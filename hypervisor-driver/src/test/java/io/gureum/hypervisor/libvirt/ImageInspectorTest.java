package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.testsupport.Requires;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageInspectorTest {

    @TempDir
    Path dir;
    private final ImageInspector inspector = new ImageInspector("qemu-img");

    @BeforeEach
    void needsQemuImg() {
        Requires.qemuImg();
    }

    private Path qemuImg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return dir.resolve(args[args.length - 2]);
    }

    @Test
    void a_plain_image_passes_in_its_stated_format() throws Exception {
        Path base = qemuImg("-f", "qcow2", "base.qcow2", "64M");
        ImageInspector.Image image = inspector.inspect(base, DiskFormat.QCOW2);
        assertThat(image.virtualSize()).isEqualTo(64L * 1024 * 1024);
        Path raw = qemuImg("-f", "raw", "disk.raw", "1M");
        assertThat(inspector.inspect(raw, DiskFormat.RAW).format()).isEqualTo(DiskFormat.RAW);
    }

    @Test
    void a_misstated_format_is_refused() throws Exception {
        Path base = qemuImg("-f", "qcow2", "base.qcow2", "64M");
        assertThatThrownBy(() -> inspector.inspect(base, DiskFormat.RAW))
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("is qcow2, not the stated raw");
    }

    @Test
    void an_image_with_a_backing_file_is_refused() throws Exception {
        qemuImg("-f", "raw", "secret.raw", "1M");
        Path overlay = qemuImg("-f", "qcow2", "-b", dir.resolve("secret.raw").toString(), "-F", "raw", "evil.qcow2", "1M");
        assertThatThrownBy(() -> inspector.inspect(overlay, DiskFormat.QCOW2))
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("backing file");
    }

    @Test
    void an_image_with_an_external_data_file_is_refused() throws Exception {
        Path image = qemuImg("-f", "qcow2", "-o", "data_file=" + dir.resolve("data.raw"), "external.qcow2", "1M");
        assertThatThrownBy(() -> inspector.inspect(image, DiskFormat.QCOW2))
                .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("external data file");
    }

    @Test
    void a_missing_file_is_not_found() {
        assertThatThrownBy(() -> inspector.inspect(dir.resolve("nope.qcow2"), DiskFormat.QCOW2))
                .isInstanceOf(HypervisorException.NotFound.class);
    }
}
