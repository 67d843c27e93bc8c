package io.gureum.console.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The VM serial terminal through a real browser on the real local QEMU: a member opens it from the VM's page,
 * types into xterm.js, and the tiny guest's shell on ttyS0 answers. One real guest boot, so one test.
 */
@ConsoleTest
class VmSerialBrowserTest {

    static final String VIRSH_URI = "qemu:///system";

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    ImageCatalog images;
    @Autowired
    HostService hosts;
    @Autowired
    VmService vms;
    @Autowired
    TaskService tasks;
    @Autowired
    Fixtures fixtures;

    @Test
    void a_member_types_into_the_serial_terminal_of_a_running_vm_and_the_guest_answers() throws Exception {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> VIRSH_URI.equals(h.libvirtUri()))
                .findFirst().orElse(null));
        if (local == null || !local.acceptsPlacements()) {
            Requires.missing("no local libvirtd host (" + VIRSH_URI + ") registered and up: run src/host/setup.sh");
        }
        throttle.forgetAll();
        Fixtures.Tenant tenant = fixtures.tenant("serial");
        String name = "serial-" + Long.toString(System.nanoTime() % 100_000);
        UUID id = asAdmin(() -> {
            VmOperation op = vms.create(new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, local.id()));
            tasks.await(op.taskId(), Duration.ofSeconds(120));
            return op.vm().id();
        });
        try (Chromium browser = Chromium.start()) {
            // The guest's shell runs on ttyS0 once init has printed its marker.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline
                    && !asUser(tenant.member().username(), () -> vms.serialLog(id, 64 * 1024)).contains("GUREUM-GUEST-READY")) {
                Thread.sleep(500);
            }
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
            asAdmin(() -> tasks.await(vms.delete(id).taskId(), Duration.ofSeconds(120)));
        }
    }
}
