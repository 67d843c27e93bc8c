package io.gureum.console.image;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An administrator uploads a disk image through a real browser (Chromium): the whole upload path. */
@ConsoleTest
class ImagesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    VmImageService vmImages;

    @TempDir
    Path dir;

    @Test
    void an_admin_uploads_a_qcow2_from_the_browser_and_it_is_checked_kept_and_listed() {
        Path file = DiskImages.qcow2(dir, "browser-upload.qcow2");
        try (Chromium browser = Chromium.start()) {
            Page page = browser.newPage();
            Chromium.logIn(page, "http://localhost:" + port, "admin", ConsoleTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/images");
            // No name typed: the file's name without its extension is the image's name.
            page.locator("#vm-image-upload input[type=file]").setInputFiles(file);

            assertThat(page.locator("#vm-image-message")).containsText("accepted",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            assertThat(page.locator("#vm-images-grid")).containsText("browser-upload");
        } finally {
            vmImages.list().stream().filter(i -> i.name().equals("browser-upload"))
                    .forEach(i -> asAdmin(() -> vmImages.delete(i.id())));
        }
    }

    @Autowired
    ContainerImageService containerImages;

    @Test
    void an_admin_imports_a_root_file_system_from_the_browser_onto_the_local_engine() throws Exception {
        var local = asAdmin(() -> containerImages.engineHosts().stream().findFirst().orElse(null));
        if (local == null) {
            io.gureum.console.testsupport.Requires.missing("no host with a container engine is registered");
        }
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("rootfs/etc")).resolve("motd"),
                "hi\n");
        Path tarball = dir.resolve("rootfs.tar.gz");
        DiskImages.run("tar", "-czf", tarball.toString(), "-C", dir.resolve("rootfs").toString(), ".");
        String reference = "gureum-test/browser-" + System.nanoTime() % 100_000 + ":1";
        try (Chromium browser = Chromium.start()) {
            Page page = browser.newPage();
            Chromium.logIn(page, "http://localhost:" + port, "admin", ConsoleTest.ADMIN_PASSWORD);
            page.navigate("http://localhost:" + port + "/images");
            page.getByLabel("Image name:tag").fill(reference);
            page.locator("#rootfs-upload input[type=file]").setInputFiles(tarball);

            assertThat(page.locator("#container-image-message")).containsText("Imported localhost/" + reference,
                    new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            assertThat(page.locator("#container-images-grid")).containsText("localhost/" + reference);
        } finally {
            try {
                asAdmin(() -> containerImages.remove(local.id(), "localhost/" + reference));
            } catch (RuntimeException notImported) {
                // nothing to remove
            }
        }
    }
}
