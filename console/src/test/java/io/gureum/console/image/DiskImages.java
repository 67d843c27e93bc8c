package io.gureum.console.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes small disk images and tarballs for tests with qemu-img and tar (argument lists, no shell). */
final class DiskImages {

    private DiskImages() {
    }

    static Path qcow2(Path dir, String name) {
        Path file = dir.resolve(name);
        run("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "64M");
        return file;
    }

    static Path qcow2WithBacking(Path dir, String name, Path base) {
        Path file = dir.resolve(name);
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", file.toString());
        return file;
    }

    static Path raw(Path dir, String name) {
        Path file = dir.resolve(name);
        run("qemu-img", "create", "-q", "-f", "raw", file.toString(), "8M");
        return file;
    }

    static void run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> args(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
