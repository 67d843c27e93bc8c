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
}
