package io.gureum.console.image;

import io.gureum.hypervisor.DiskFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks an uploaded disk image on the console's machine with {@code qemu-img info --output=json}, run
 * with an argument list (never a shell): the detected format must be the stated one, and images that
 * point at other files (backing file, external data file) or are encrypted are refused. The hypervisor
 * driver checks again when it imports the image onto a host.
 */
@Component
class DiskImageVerifier {

    /** What qemu-img says about an image that passed. */
    record Verified(DiskFormat format, long virtualSizeBytes, long fileSizeBytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String qemuImg;

    DiskImageVerifier(@Value("${gureum.images.qemu-img:qemu-img}") String qemuImg) {
        this.qemuImg = qemuImg;
    }

    Verified verify(Path file, DiskFormat stated) {
        JsonNode info = JSON.readTree(run(file));
        String detected = info.path("format").asString("unknown");
        if (!stated.id().equals(detected)) {
            throw new ImageValidationException("The file is a " + detected + " image, not " + stated.id()
                    + " as stated: state its real format (or convert it with qemu-img convert).");
        }
        if (info.has("backing-filename") || info.has("full-backing-filename") || info.has("backing-filename-format")) {
            throw new ImageValidationException("The image has a backing file: upload a flattened image "
                    + "(qemu-img convert -O " + stated.id() + " in.qcow2 out." + stated.id() + ").");
        }
        if (info.path("format-specific").path("data").has("data-file")) {
            throw new ImageValidationException("The image uses an external data file: upload a self-contained image.");
        }
        if (info.path("encrypted").asBoolean(false)) {
            throw new ImageValidationException("The image is encrypted: upload an unencrypted image.");
        }
        try {
            return new Verified(stated, info.path("virtual-size").asLong(0), Files.size(file));
        } catch (IOException e) {
            throw new ImageValidationException("Cannot read the uploaded file: " + e.getMessage());
        }
    }

    private String run(Path file) {
        // Detecting the format is the point, so no -f; "--" keeps a file name from being taken as an option.
        List<String> command = List.of(qemuImg, "info", "--output=json", "--", file.toAbsolutePath().toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ImageValidationException("qemu-img took too long to read the image.");
            }
            if (process.exitValue() != 0) {
                throw new ImageValidationException("This is not a disk image qemu-img can read: "
                        + new String(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + qemuImg + " on the console's machine (install qemu-utils): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking an uploaded image", e);
        }
    }
}
