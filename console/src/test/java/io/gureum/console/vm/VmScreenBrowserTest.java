package io.gureum.console.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SharedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The VM screen through a real browser on the real local QEMU: a member opens it from the VM's page, noVNC shows
 * the tiny guest's VGA console (a shell on tty1), and key presses typed into the canvas or through "Type it" reach
 * the guest and change the picture (the running guest the console tests share).
 */
@ConsoleTest
class VmScreenBrowserTest {

    /** Pixels of the noVNC canvas brighter than dark grey: text on the black console (-1 before the first frame). */
    static final String LIT_PIXELS = """
            () => {
              const c = document.querySelector('#console-screen canvas');
              if (!c || !c.width || !c.height) return -1;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 96) n++;
              return n;
            }""";
    /** A line of text on the 720x400 VGA text console lights far more pixels than a blinking cursor. */
    static final int A_LINE_OF_TEXT = 150;

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    SharedGuest guests;

    @Test
    void a_member_sees_the_screen_of_a_running_vm_and_key_presses_change_it() throws Exception {
        SharedGuest.Guest guest = guests.running(getClass());
        throttle.forgetAll();
        Fixtures.Tenant tenant = guest.tenant();
        UUID id = guest.id();
        try (Chromium browser = Chromium.start()) {
            Page page = browser.newPage();
            try {
                Chromium.logIn(page, "http://localhost:" + port, tenant.member().username(), Fixtures.PASSWORD);
                page.navigate("http://localhost:" + port + "/vms/" + id);
                page.locator("#vm-action-screen").click();
                assertThat(page.locator("#console-status")).hasText("connected",
                        new LocatorAssertions.HasTextOptions().setTimeout(20_000));
                int shown = litPixelsOnceThey(page, n -> n > 0, "the screen stays blank");

                page.locator("#console-screen canvas").click();
                page.keyboard().type("ls /");
                page.keyboard().press("Enter");
                int typed = litPixelsOnceThey(page, n -> n > shown + A_LINE_OF_TEXT,
                        "typing into the screen did not change it (" + shown + " lit pixels before)");

                page.locator("#console-paste-text input").fill("echo typed-as-keys");
                page.locator("#console-paste").click();
                // The field is cleared in the same server round trip that types the text into the screen.
                assertThat(page.locator("#console-paste-text input")).hasValue("");
                page.locator("#console-screen canvas").click();
                page.keyboard().press("Enter");
                litPixelsOnceThey(page, n -> n > typed + A_LINE_OF_TEXT,
                        "text sent with 'Type it' did not reach the screen (" + typed + " lit pixels before)");

                Files.createDirectories(Chromium.DOC_IMAGES);
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("vm-screen.png")));
                page.locator("#console-close").click();
                assertThat(page.locator("#console-dialog")).hasCount(0);
            } catch (Throwable failed) {
                try {
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(
                            Path.of("target/browser-failures/vm-screen-" + System.currentTimeMillis() + ".png")));
                } catch (RuntimeException noPicture) {
                    // the page is gone
                }
                throw failed;
            }
        } finally {
            guests.release(getClass());
        }
    }

    /** Polls the canvas until its lit pixel count satisfies {@code wanted} (QEMU sends updates as they come). */
    static int litPixelsOnceThey(Page page, IntPredicate wanted, String otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int lit = -1;
        while (System.nanoTime() < deadline) {
            lit = ((Number) page.evaluate(LIT_PIXELS)).intValue();
            if (wanted.test(lit)) {
                return lit;
            }
            Thread.sleep(250);
        }
        assertTrue(wanted.test(lit), otherwise + "; lit pixels now " + lit);
        return lit;
    }
}
