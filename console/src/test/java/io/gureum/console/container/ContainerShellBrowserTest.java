package io.gureum.console.container;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.consoles.ConsoleService;
import io.gureum.console.host.HostService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The container shell through a real browser: a member opens the shell of a running container on the local Podman
 * from its page, types into xterm.js, and the container's shell answers; closing the dialog ends the shell.
 * Takes the user guide's screenshot of it.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerShellBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    HostService hosts;
    @Autowired
    ContainerService containers;
    @Autowired
    TaskService tasks;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ConsoleService consoles;

    private Chromium browser;
    private Fixtures.Tenant tenant;
    /** One running container for both tests: it prints a line a second and leaves at once on SIGTERM. */
    private UUID ticker;

    @BeforeAll
    void aRunningContainerAndABrowser() {
        boolean engine = asAdmin(() -> hosts.list().stream().anyMatch(h -> h.containerEndpoint() != null
                && h.engineProduct() != null && h.acceptsPlacements()));
        if (!engine || !asAdmin(() -> containers.images()).contains(ContainerService.DEFAULT_IMAGE)) {
            Requires.missing("no host with the local Podman and " + ContainerService.DEFAULT_IMAGE
                    + ": run src/host/setup.sh and src/host/build-test-images.sh");
        }
        tenant = fixtures.tenant("ctshell");
        String name = "ticker-" + Long.toString(System.nanoTime() % 100_000);
        ticker = asUser(tenant.member().username(), () -> {
            ContainerOperation op = containers.create(new NewContainer(name, tenant.id(), ContainerService.DEFAULT_IMAGE,
                    "trap 'exit 0' TERM; i=0; while true; do echo tick-$i; i=$((i+1)); sleep 1; done",
                    Map.of(), 0.2, 32, "no", null));
            tasks.await(op.taskId(), Duration.ofSeconds(60));
            return op.container().id();
        });
        browser = Chromium.start();
    }

    @AfterAll
    void deleteItAndStopTheBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (ticker != null) {
                asAdmin(() -> tasks.await(containers.delete(ticker).taskId(), Duration.ofSeconds(60)));
            }
        }
    }

    @Test
    void a_member_opens_the_shell_of_a_running_container_and_it_answers() throws Exception {
        onTheContainersPage("container-shell", page -> {
            openConsole(page, "shell");
            page.locator("#console-screen .xterm").click();
            page.keyboard().type("hostname; echo $((6*7))");
            page.keyboard().press("Enter");
            assertThat(page.locator("#console-screen .xterm-rows")).containsText("42",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            // Podman names the container's host after the first 12 hex digits of its id.
            assertThat(page.locator("#console-screen .xterm-rows")).containsText(
                    asUser(tenant.member().username(), () -> containers.get(ticker).engineId()).substring(0, 12));
            Files.createDirectories(Chromium.DOC_IMAGES);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("container-shell.png")));

            closeConsole(page);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (consoles.openCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            org.assertj.core.api.Assertions.assertThat(consoles.openCount()).as("consoles still open").isZero();
        });
    }

    @Test
    void a_member_attaches_to_the_output_of_a_container_and_runs_a_typed_command_instead_of_a_shell() throws Exception {
        onTheContainersPage("container-attach", page -> {
            openConsole(page, "attach-to-output");
            assertThat(page.locator("#console-screen .xterm-rows")).containsText(Pattern.compile("tick-\\d+\\D*tick-\\d+"),
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            Files.createDirectories(Chromium.DOC_IMAGES);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("container-output.png")));
            closeConsole(page);

            page.locator("#container-shell-command input").fill("echo 'unclosed");
            page.locator("#container-action-shell").click();
            assertThat(page.locator("#container-shell-command")).hasAttribute("invalid", "");
            assertThat(page.locator("#container-shell-command")).containsText("not closed");
            assertThat(page.locator("#console-dialog")).hasCount(0);

            page.locator("#container-shell-command input").fill("sh -c 'echo typed-$((6*7)); sleep 30'");
            openConsole(page, "shell");
            assertThat(page.locator("#console-screen .xterm-rows")).containsText("typed-42",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            closeConsole(page);
        });
    }

    /** What a test does on the page it is given. */
    interface PageSteps {
        void run(Page page) throws Exception;
    }

    /**
     * Signs the tenant's member in on a new page of the container's page, waits until it shows the container
     * running, runs {@code steps}; keeps a full-page picture named after {@code what} when they fail.
     */
    private void onTheContainersPage(String what, PageSteps steps) throws Exception {
        throttle.forgetAll();
        Page page = browser.newPage();
        try {
            Chromium.logIn(page, "http://localhost:" + port, tenant.member().username(), Fixtures.PASSWORD);
            page.navigate("http://localhost:" + port + "/containers/" + ticker);
            assertThat(page.locator("#container-state")).hasText("running",
                    new LocatorAssertions.HasTextOptions().setTimeout(20_000));
            steps.run(page);
        } catch (Throwable failed) {
            try {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(
                        Path.of("target/browser-failures/" + what + "-" + System.currentTimeMillis() + ".png")));
            } catch (RuntimeException noPicture) {
                // the page is gone
            }
            throw failed;
        } finally {
            page.close();
        }
    }

    /** Opens a console with the container page's action button and waits until it is connected. */
    private static void openConsole(Page page, String action) {
        page.locator("#container-action-" + action).click();
        assertThat(page.locator("#console-status")).hasText("connected",
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    }

    private static void closeConsole(Page page) {
        page.locator("#console-close").click();
        assertThat(page.locator("#console-dialog")).hasCount(0);
    }
}
