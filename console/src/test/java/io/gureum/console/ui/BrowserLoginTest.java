package io.gureum.console.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.vm.VmService;
import io.gureum.console.testsupport.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The administrator logs in through a real browser (Debian's Chromium driven by Playwright) and
 * sees the shell. Takes the screenshots the documentation shows.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserLoginTest {

    static final Path DOC_IMAGES = Chromium.DOC_IMAGES;

    @LocalServerPort
    int port;

    @Autowired
    ImageCatalog images;

    @Autowired
    ProjectService projects;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    io.gureum.console.identity.IdentityService users;

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
    void the_administrator_logs_in_sees_the_shell_and_logs_out() throws IOException {
        throttle.forgetAll();
        Files.createDirectories(DOC_IMAGES);
        try (Page page = browser.newPage()) {
            page.navigate(base() + "/vms");
            page.waitForURL(Pattern.compile(".*/login$"));
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("login.png")));

            page.getByLabel("Username").fill("admin");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password-1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            page.waitForURL(Pattern.compile(".*/login\\?error$"));
            assertThat(page.getByText("Wrong user name or password")).isVisible();

            page.getByLabel("Username").fill("admin");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ConsoleTest.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

            assertThat(page.locator("#main-nav")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            // Spring Security sends the user back to the page they asked for.
            org.assertj.core.api.Assertions.assertThat(page.url()).matches(".*/vms(\\?continue)?");
            assertThat(page.locator("#signed-in-user")).hasText("Signed in as admin");
            assertThat(page.locator("vaadin-side-nav-item")).hasCount(ShellNavigationTest.ALL_PLACES.size());
            assertThat(page.locator("#vms-grid")).isVisible();

            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Dashboard")).click();
            page.waitForURL(Pattern.compile(".*:" + port + "/$"));
            assertThat(page.locator("main h2").first()).hasText("Dashboard");
            assertThat(page.locator("#capacity")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("shell.png")));

            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Hosts")).click();
            page.waitForURL(Pattern.compile(".*/hosts$"));
            assertThat(page.locator("#hosts-grid")).isVisible();
            // The first start registered this server (or the simulated demo host) and observed it.
            assertThat(page.locator("#hosts-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^(local|demo-simulated)$"))).first()).isVisible();
            assertThat(page.locator("#hosts-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^up$"))).first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("hosts.png")));

            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")).click();
            page.waitForURL(Pattern.compile(".*/users$"));
            assertThat(page.locator("#users-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^admin$"))).first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("users.png")));

            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Audit log")).click();
            page.waitForURL(Pattern.compile(".*/audit$"));
            // Our own failed and successful logins of a minute ago are on record.
            assertThat(page.locator("#audit-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^login$"))).first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("audit.png")));

            page.locator("#logout").click();
            page.waitForURL(Pattern.compile(".*/login$"));
            page.navigate(base() + "/hosts");
            page.waitForURL(Pattern.compile(".*/login$"));
        }
    }

    @Test
    void unknown_and_forbidden_pages_say_so_inside_the_shell_in_a_real_browser() {
        throttle.forgetAll();
        try (Page page = browser.newPage()) {
            Chromium.logIn(page, base(), "admin", ConsoleTest.ADMIN_PASSWORD);

            page.navigate(base() + "/no-such-page");

            assertThat(page.locator("#not-found h2")).hasText("Not found");
            assertThat(page.locator("#not-found-text")).containsText("'/no-such-page'");
            assertThat(page.locator("#main-nav")).isVisible();
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("Exception")
                    .doesNotContain("Could not navigate");
        }
        // A user whose role may not open a place reads "no access" inside the shell, not an empty 403.
        String user = Actors.asAdmin(() -> users.createUser(Actors.unique("plain").toLowerCase()
                .replaceAll("[^a-z0-9.-]", "-"), null, Fixtures.PASSWORD, false)).username();
        try (Page page = browser.newPage()) {
            Chromium.logIn(page, base(), user, Fixtures.PASSWORD);
            page.navigate(base() + "/hosts");

            assertThat(page.locator("#access-denied h2")).hasText("No access");
            assertThat(page.locator("#main-nav")).isVisible();
        }
        // Anonymous visitors of an unknown address are sent to the login, learning nothing.
        try (Page page = browser.newPage()) {
            page.navigate(base() + "/no-such-page");
            page.waitForURL(Pattern.compile(".*/login$"));
        }
    }

    @Test
    void the_administrator_creates_a_vm_in_a_project_and_sees_it_running() throws IOException {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        throttle.forgetAll();
        Actors.asAdmin(() -> projects.create(Actors.unique("browser"), "admin"));
        String name = "web-" + Long.toString(System.nanoTime() % 100000);
        Files.createDirectories(DOC_IMAGES);
        try (Page page = browser.newPage()) {
            Chromium.logIn(page, base(), "admin", ConsoleTest.ADMIN_PASSWORD);

            page.navigate(base() + "/vms");
            page.locator("#create-vm").click();
            page.locator("#vm-name input").fill(name);
            // The project preselected is the first the admin may use; at least the one made above exists.
            page.waitForTimeout(600); // let the dialog finish opening before the picture
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("vm-create.png")));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();

            // Provisioning, then running: the grid follows by itself.
            assertThat(page.locator("#vms-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^running$"))).first())
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            assertThat(page.locator("#vms-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^" + name + "$"))).first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(DOC_IMAGES.resolve("vms.png")));

            // Its page: the guest's own serial console shows it booted (on a real host; the
            // simulated host has no guest to print anything).
            Chromium.follow(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)),
                    Pattern.compile(".*/vms/[0-9a-f-]{36}$"));
            assertThat(page.locator("#vm-title")).hasText(name);
            boolean real = Actors.asAdmin(() -> vms.list().stream()
                    .anyMatch(vm -> vm.name().equals(name) && "local".equals(vm.hostName())));
            if (real) {
                assertThat(page.locator("#vm-serial")).containsText("GUREUM-GUEST-READY hostname=" + name,
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            }
            // Its usage charts have their scale and, after two samples, the current CPU figure in words.
            assertThat(page.locator("#vm-cpu-chart .sparkline-scale")).containsText("100.0 %");
            assertThat(page.locator("#vm-cpu-chart .sparkline-now")).containsText("now ",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(DOC_IMAGES.resolve("vm-detail.png")));
        } finally {
            Actors.asAdmin(() -> vms.list().stream().filter(vm -> vm.name().equals(name))
                    .forEach(vm -> tasks.await(vms.delete(vm.id()).taskId(), java.time.Duration.ofSeconds(60))));
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
