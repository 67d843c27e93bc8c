package io.gureum.console.vm.cloudinit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the ISO 9660 volume labelled {@code cidata} (Joliet and Rock Ridge) that cloud-init's NoCloud data source
 * finds, with the host's {@code xorriso}: an argument list, no shell, the files in a private temporary directory.
 */
public final class SeedIso {

    /** The volume label NoCloud looks for. */
    public static final String VOLUME_ID = "cidata";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_TAIL = 2000;

    private final String xorriso;

    /** @param xorriso the xorriso executable, e.g. {@code xorriso} (found on the PATH) or an absolute path */
    public SeedIso(String xorriso) {
        this.xorriso = xorriso;
    }

    /** Writes the seed's ISO to {@code iso} (replaced if it exists) and returns its size in bytes. */
    public long write(SeedFiles files, Path iso) {
        Path work = null;
        try {
            work = Files.createTempDirectory("gureum-seed-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path content = Files.createDirectory(work.resolve("content"));
            Path metaData = Files.writeString(content.resolve(SeedFiles.META_DATA), files.metaData());
            Path userData = Files.writeString(content.resolve(SeedFiles.USER_DATA), files.userData());
            Path network = Files.writeString(content.resolve(SeedFiles.NETWORK_CONFIG), files.networkConfig());
            Files.deleteIfExists(iso);
            run(work, List.of(xorriso, "-as", "genisoimage", "-output", iso.toString(), "-volid", VOLUME_ID,
                    "-joliet", "-rock", metaData.toString(), userData.toString(), network.toString()));
            return Files.size(iso);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not write the cloud-init seed " + iso, failed);
        } finally {
            deleteQuietly(work);
        }
    }

    private void run(Path work, List<String> command) throws IOException {
        Path log = work.resolve("xorriso.log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException notFound) {
            throw new IOException("cannot run " + command.getFirst() + " (the host needs xorriso: "
                    + "src/host/setup.sh installs it)", notFound);
        }
        boolean ended;
        try {
            ended = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while xorriso wrote the seed", interrupted);
        }
        if (!ended) {
            process.destroyForcibly();
            throw new IOException("xorriso did not finish in " + TIMEOUT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            throw new IOException("xorriso exited with " + process.exitValue() + ": "
                    + output.substring(Math.max(0, output.length() - OUTPUT_TAIL)).strip());
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the directory is readable by its owner only, and the OS reaps temporary files.
        }
    }
}
