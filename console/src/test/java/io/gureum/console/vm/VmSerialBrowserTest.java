package io.gureum.console.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SharedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The VM serial terminal through a real browser on the real local QEMU: a member opens it from the VM's page,
 * types into xterm.js, and the tiny guest's shell on ttyS0 answers (the running guest the console tests share).
 */
@ConsoleTest
class VmSerialBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    SharedGuest guests;

    @Test
    void a_member_types_into_the_serial_terminal_of_a_running_vm_and_the_guest_answers() throws Exception {
        SharedGuest.Guest guest = guests.running(getClass());
        throttle.forgetAll();
        Fixtures.Tenant tenant = guest.tenant();
        UUID id = guest.id();
        try (Chromium browser = Chromium.start()) {
            Page page = browser.newPage();
            try {
                Chromium.logIn(page, "http://localhost:" + port, tenant.member().username(), Fixtures.PASSWORD);
                page.navigate("http://localhost:" + port + "/vms/" + id);
                page.locator("#vm-action-serial-terminal").click();
                assertThat(page.locator("#console-status")).hasText("connected",
                        new LocatorAssertions.HasTextOptions().setTimeout(20_000));
                page.locator("#console-screen .xterm").click();
                page.keyboard().type("echo gureum-$RANDOM");
                page.keyboard().press("Enter");
                assertThat(page.locator("#console-screen .xterm-rows")).containsText(Pattern.compile("gureum-\\d+"),
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                Files.createDirectories(Chromium.DOC_IMAGES);
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("vm-serial.png")));
                page.locator("#console-close").click();
                assertThat(page.locator("#console-dialog")).hasCount(0);
            } catch (Throwable failed) {
                try {
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(
                            Path.of("target/browser-failures/vm-serial-" + System.currentTimeMillis() + ".png")));
                } catch (RuntimeException noPicture) {
                    // the page is gone
                }
                throw failed;
            }
        } finally {
            guests.release(getClass());
        }
    }
}
