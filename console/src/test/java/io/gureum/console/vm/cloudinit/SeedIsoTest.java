package io.gureum.console.vm.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.Requires;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedIsoTest {

    private static final int SECTOR = 2048;

    @TempDir
    Path dir;

    @BeforeEach
    void xorrisoIsInstalled() {
        if (!Files.isExecutable(Path.of("/usr/bin/xorriso"))) {
            Requires.missing("xorriso (/usr/bin/xorriso): run sudo src/host/setup.sh");
        }
    }

    @Test
    void the_seed_is_an_iso_labelled_cidata_with_joliet_holding_the_three_files_with_their_content() throws Exception {
        SeedFiles files = new CloudInitSeed().files(CloudInitSeedTest.request("web-1", "#cloud-config\npackages: [nginx]\n"));
        Path iso = dir.resolve("seed.iso");

        long size = new SeedIso("xorriso").write(files, iso);

        assertThat(size).isEqualTo(Files.size(iso)).isPositive();
        assertThat(volumeId(iso, 16)).as("primary volume descriptor").isEqualTo("cidata");
        assertThat(jolietPresent(iso)).isTrue();
        Path out = dir.resolve("out");
        run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString());
        assertThat(Files.readString(out.resolve("meta-data"))).isEqualTo(files.metaData());
        assertThat(Files.readString(out.resolve("user-data"))).isEqualTo(files.userData());
        assertThat(Files.readString(out.resolve("network-config"))).isEqualTo(files.networkConfig());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(path -> path.getFileName().toString()))
                    .as("Rock Ridge keeps the lower-case names with '-'")
                    .containsExactlyInAnyOrder("meta-data", "user-data", "network-config");
        }
    }

    @Test
    void a_missing_xorriso_is_a_clear_failure_and_leaves_no_iso() {
        SeedFiles files = new CloudInitSeed().files(CloudInitSeedTest.request("web-1", null));
        Path iso = dir.resolve("seed.iso");

        assertThatThrownBy(() -> new SeedIso(dir.resolve("no-xorriso").toString()).write(files, iso))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("seed")
                .cause().hasMessageContaining("needs xorriso");
        assertThat(iso).doesNotExist();
    }

    /** The volume id of the descriptor at this sector: 32 characters from byte 40, space-padded. */
    private static String volumeId(Path iso, int sector) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(iso.toFile(), "r")) {
            byte[] descriptor = new byte[SECTOR];
            file.seek((long) sector * SECTOR);
            file.readFully(descriptor);
            assertThat(new String(descriptor, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
            return new String(descriptor, 40, 32, StandardCharsets.US_ASCII).strip();
        }
    }

    /** A supplementary volume descriptor (type 2) with a UCS-2 escape sequence ("%/@", "%/C" or "%/E") is Joliet. */
    private static boolean jolietPresent(Path iso) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(iso.toFile(), "r")) {
            for (int sector = 17; sector < 32; sector++) {
                byte[] descriptor = new byte[SECTOR];
                file.seek((long) sector * SECTOR);
                file.readFully(descriptor);
                if (descriptor[0] == (byte) 255) {
                    return false;
                }
                String escape = new String(descriptor, 88, 3, StandardCharsets.US_ASCII);
                if (descriptor[0] == 2 && List.of("%/@", "%/C", "%/E").contains(escape)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
