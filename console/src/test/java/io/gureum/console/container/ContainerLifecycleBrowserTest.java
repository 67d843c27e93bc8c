package io.gureum.console.container;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.ui.Formats;
import io.gureum.container.ContainerEngine;
import io.gureum.container.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A container's whole life through a real browser on the local Podman: a project member creates it
 * with a command and limits, sees it run, follows its output live on its page, stops it and deletes
 * it; it is gone from the grid and from Podman. Takes the user guide's screenshots of those pages.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLifecycleBrowserTest {

    /** A line a second; leaves at once on SIGTERM (a shell as PID 1 ignores it otherwise). */
    static final String TICKER = "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done";

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    HostService hosts;

    @Autowired
    ContainerService containers;

    @Autowired
    ContainerRepository repository;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    private Chromium browser;

    @BeforeAll
    void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_member_creates_a_container_follows_its_output_stops_and_deletes_it() throws Exception {
        HostSummary local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        if (!asAdmin(() -> containers.images()).contains(ContainerService.DEFAULT_IMAGE)) {
            Requires.missing(ContainerService.DEFAULT_IMAGE + " is not on the local Podman: run src/host/setup.sh");
        }
        throttle.forgetAll();
        Fixtures.Tenant tenant = fixtures.tenant("ctlife");
        String name = "ticker-" + Long.toString(System.nanoTime() % 100_000);
        Files.createDirectories(Chromium.DOC_IMAGES);
        Page page = browser.newPage();
        try {
            Chromium.logIn(page, base(), tenant.member().username(), Fixtures.PASSWORD);
            page.navigate(base() + "/containers");
            page.locator("#create-container").click();
            page.locator("#container-name input").fill(name); // the page's "Name" filter has the same label
            page.getByLabel("Command", new Page.GetByLabelOptions().setExact(true)).fill(TICKER);
            page.getByLabel("CPUs", new Page.GetByLabelOptions().setExact(true)).fill("0.5");
            page.getByLabel("Memory (MiB)", new Page.GetByLabelOptions().setExact(true)).fill("64");
            page.getByLabel("Memory (MiB)", new Page.GetByLabelOptions().setExact(true)).press("Tab");
            assertThat(page.locator("vaadin-select", new Page.LocatorOptions()
                    .setHasText(ContainerService.DEFAULT_IMAGE))).isVisible();
            assertThat(page.locator("#container-quota-hint")).containsText("64 of");
            page.waitForTimeout(400); // let the dialog finish opening before the picture
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("container-create.png")));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();

            // Provisioning, then running on the local engine: the grid follows by itself.
            assertThat(cell(page, name)).isVisible();
            assertThat(cell(page, "running")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            assertThat(cell(page, local.name())).isVisible();
            assertThat(cell(page, "0.5")).isVisible();
            assertThat(cell(page, Formats.bytes(64L << 20))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("containers.png")));

            ManagedContainer row = asAdmin(() -> containers.list().stream()
                    .filter(c -> c.projectId() == tenant.id() && c.name().equals(name)).findFirst())
                    .flatMap(c -> repository.findById(c.id())).orElseThrow();
            ContainerEngine engine = hosts.engineOf(row.hostId());
            var onPodman = engine.inspect(row.engineId());
            org.assertj.core.api.Assertions.assertThat(onPodman.running()).isTrue();

            // Its page: the facts, and the output followed live, line after line.
            Chromium.follow(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)),
                    Pattern.compile(".*/containers/" + row.id() + "$"));
            assertThat(page.locator("#container-title")).hasText(name);
            assertThat(page.locator("#container-state")).hasText("running");
            assertThat(page.locator("#container-facts")).containsText(ShellQuoting.shCommand(TICKER));
            assertThat(page.locator("#container-facts")).containsText("0.5 CPUs · " + Formats.bytes(64L << 20) + " memory");
            assertThat(page.locator("#container-live-logs")).containsText("tick-2");
            // Each line carries the engine's time for it, in the console's date-time format.
            assertThat(page.locator("#container-live-logs")).containsText(
                    Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +│ tick-2"));
            String seen = page.locator("#container-live-logs").innerText();
            int last = lastTick(seen);
            assertThat(page.locator("#container-live-logs")).containsText("tick-" + (last + 2),
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("container-detail.png")));

            page.locator("#container-action-stop").click();
            assertThat(page.locator("#container-state")).hasText(Pattern.compile("^(stopped|exited)$"),
                    new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            org.assertj.core.api.Assertions.assertThat(engine.inspect(row.engineId()).running()).isFalse();
            assertThat(page.locator("#container-action-start")).isEnabled();

            page.locator("#container-action-delete").click();
            Locator confirm = page.locator("vaadin-button[slot='confirm-button']", new Page.LocatorOptions()
                    .setHasText("Delete"));
            assertThat(confirm).isVisible();
            confirm.click();
            page.waitForURL(Pattern.compile(".*/containers$"));
            // (The grid keeps the cells of rows it no longer shows, hidden: only visible ones count.)
            assertThat(page.locator("#containers-grid vaadin-grid-cell-content:visible", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^" + name + "$")))).hasCount(0,
                    new LocatorAssertions.HasCountOptions().setTimeout(30_000));

            waitFor(() -> repository.findById(row.id()).orElseThrow().state() == ContainerStatus.DELETED, 30,
                    "the container row to be DELETED");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.inspect(row.engineId()))
                    .isInstanceOf(NotFoundException.class);
            org.assertj.core.api.Assertions.assertThat(engine.list()).noneMatch(c -> row.engineId().equals(c.id()));
        } catch (Throwable failed) {
            try {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(
                        Path.of("target/browser-failures/container-lifecycle-" + System.currentTimeMillis() + ".png")));
            } catch (RuntimeException noPicture) {
                // the page is gone
            }
            throw failed;
        } finally {
            page.close();
            cleanUp(tenant.id());
        }
    }

    /** Deletes what the test left in the project, and anything of it still on the engine. */
    private void cleanUp(long projectId) {
        for (ManagedContainer c : repository.findAll()) {
            if (c.projectId() != projectId) {
                continue;
            }
            if (c.state() != ContainerStatus.DELETED && c.state() != ContainerStatus.DELETING) {
                try {
                    asAdmin(() -> tasks.await(containers.delete(c.id()).taskId(), Duration.ofSeconds(60)));
                } catch (RuntimeException notNow) {
                    // removed from the engine below
                }
            }
            if (c.hostId() != null) {
                for (String ref : new String[] {c.engineId(), c.engineName()}) {
                    if (ref != null) {
                        try {
                            hosts.engineOf(c.hostId()).remove(ref, true);
                        } catch (RuntimeException gone) {
                            // already removed
                        }
                    }
                }
            }
        }
    }

    /** The highest n of the "tick-n" lines shown. */
    static int lastTick(String text) {
        int last = 0;
        var matcher = Pattern.compile("tick-(\\d+)").matcher(text);
        while (matcher.find()) {
            last = Math.max(last, Integer.parseInt(matcher.group(1)));
        }
        return last;
    }

    /** A grid cell whose whole text is {@code text}. */
    static Locator cell(Page page, String text) {
        return page.locator("#containers-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                .setHasText(Pattern.compile("^" + text.replace(".", "\\.") + "$"))).first();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            Thread.sleep(200);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
