package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.HypervisorException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies a base image file before import with {@code qemu-img info --output=json}, run with an
 * argument list (no shell). The detected format must be the stated one, and images that point
 * at other files (backing file, external data file) are refused: they could read host files.
 */
final class ImageInspector {

    /** What qemu-img says about an image that passed inspection. */
    record Image(DiskFormat format, long virtualSize, long fileSize) {
    }

    private final String qemuImg;

    ImageInspector(String qemuImg) {
        this.qemuImg = qemuImg;
    }

    Image inspect(Path file, DiskFormat stated) {
        if (!Files.isRegularFile(file)) {
            throw new HypervisorException.NotFound("image file not found: " + file);
        }
        Map<?, ?> info = run(file);
        String detected = String.valueOf(info.get("format"));
        if (!stated.id().equals(detected)) {
            throw new HypervisorException.InvalidSpec("image " + file.getFileName() + " is " + detected + ", not the stated " + stated.id());
        }
        if (info.containsKey("backing-filename") || info.containsKey("full-backing-filename") || info.containsKey("backing-filename-format")) {
            throw new HypervisorException.InvalidSpec("image " + file.getFileName() + " has a backing file; import a flattened image");
        }
        if (info.get("format-specific") instanceof Map<?, ?> specific && specific.get("data") instanceof Map<?, ?> data
                && data.containsKey("data-file")) {
            throw new HypervisorException.InvalidSpec("image " + file.getFileName() + " uses an external data file; refused");
        }
        if (Boolean.TRUE.equals(info.get("encrypted"))) {
            throw new HypervisorException.InvalidSpec("image " + file.getFileName() + " is encrypted; refused");
        }
        long virtualSize = ((Number) info.get("virtual-size")).longValue();
        try {
            return new Image(stated, virtualSize, Files.size(file));
        } catch (IOException e) {
            throw new HypervisorException("cannot read size of " + file + ": " + e.getMessage(), null, -1, e);
        }
    }

    private Map<?, ?> run(Path file) {
        // Format detection is the point here, so no -f; "--" keeps a file name from being an option.
        List<String> command = List.of(qemuImg, "info", "--output=json", "--", file.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new HypervisorException("qemu-img info timed out on " + file);
            }
            if (process.exitValue() != 0) {
                throw new HypervisorException.InvalidSpec("qemu-img cannot read " + file.getFileName() + ": "
                        + new String(err, StandardCharsets.UTF_8).strip());
            }
            if (Json.parse(new String(out, StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
                return map;
            }
            throw new HypervisorException("unexpected qemu-img output for " + file);
        } catch (IOException e) {
            throw new HypervisorException.Unavailable("cannot run " + qemuImg + " (install qemu-utils): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException.Unavailable("interrupted while inspecting " + file);
        } catch (IllegalArgumentException e) {
            throw new HypervisorException("cannot parse qemu-img output for " + file + ": " + e.getMessage(), null, -1, e);
        }
    }
}
