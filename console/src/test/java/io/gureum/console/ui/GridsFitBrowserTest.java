package io.gureum.console.ui;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page with a table fits the smallest common laptop screen (1366 x 768) with the navigation drawer
 * open: no column is cut off and no table needs a horizontal scrollbar. Takes a screenshot of each page.
 */
@ConsoleTest
class GridsFitBrowserTest {

    static final int WIDTH = 1366;
    static final int HEIGHT = 768;
    static final Path PICTURES = Chromium.DOC_IMAGES.resolve("1366");

    /** Route and picture name of every view with a grid. */
    static final Map<String, String> VIEWS = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>() {{
            put("", "dashboard");
            put("vms", "vms");
            put("containers", "containers");
            put("hosts", "hosts");
            put("images", "images");
            put("projects", "projects");
            put("users", "users");
            put("tasks", "tasks");
            put("audit", "audit");
        }});

    /**
     * For each visible grid: its right edge, the right edge of its last header cell, and how far its own table
     * scrolls sideways; plus how far the whole page scrolls sideways.
     */
    static final String MEASURE = """
            () => {
              const grids = [...document.querySelectorAll('vaadin-grid')].filter(g => g.offsetParent !== null);
              return {
                pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                viewport: document.documentElement.clientWidth,
                grids: grids.map(g => {
                  const table = g.shadowRoot.querySelector('#table');
                  const headers = [...g.shadowRoot.querySelectorAll('thead tr:last-child th')]
                      .filter(th => !th.hidden && th.offsetWidth > 0);
                  const last = headers.length ? headers[headers.length - 1].getBoundingClientRect().right : 0;
                  const box = g.getBoundingClientRect();
                  return {id: g.id || '(no id)', right: box.right, lastHeaderRight: last,
                          scrollWidth: table.scrollWidth, clientWidth: table.clientWidth, columns: headers.length};
                })
              };
            }
            """;

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContainerService containers;

    @Test
    @SuppressWarnings("unchecked")
    void every_table_fits_a_1366_pixel_screen_with_the_navigation_open() throws Exception {
        throttle.forgetAll();
        // Rows with long-ish values, as a real installation has: a project, a VM on a simulated host, its task.
        Fixtures.Tenant tenant = fixtures.tenant("research-and-development");
        HostSummary simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("rack1-node"),
                "test:///default", "", "")));
        try {
            if (!images.bootImages().isEmpty()) {
                asAdmin(() -> {
                    VmOperation op = vms.create(new NewVm("build-agent-01", tenant.id(), ImageCatalog.TINY_LINUX, 1,
                            128, simulated.id()));
                    tasks.await(op.taskId(), Duration.ofSeconds(60));
                });
            }
            boolean engine = asAdmin(() -> hosts.forPlacement().stream().anyMatch(h -> h.engineProduct() != null)
                    && containers.images().contains(ContainerService.DEFAULT_IMAGE));
            if (engine) {
                asAdmin(() -> tasks.await(containers.create(new NewContainer("web-frontend-01", tenant.id(), null,
                        "echo hello; sleep 600", Map.of(), 0.25, 32, "no", 8080)).taskId(), Duration.ofSeconds(60)));
            }
            Files.createDirectories(PICTURES);
            List<String> misfits = new ArrayList<>();
            try (Chromium browser = Chromium.start()) {
                Page page = browser.newPage(WIDTH, HEIGHT);
                Chromium.logIn(page, base(), "admin", ConsoleTest.ADMIN_PASSWORD);
                for (Map.Entry<String, String> view : VIEWS.entrySet()) {
                    page.navigate(base() + "/" + view.getKey());
                    PlaywrightAssertions.assertThat(page.locator("vaadin-grid").first())
                            .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
                    PlaywrightAssertions.assertThat(page.locator("vaadin-app-layout")).not()
                            .hasAttribute("overlay", "");
                    page.waitForTimeout(1_000); // grids measure auto-width columns once their rows are in
                    Map<String, Object> measured = (Map<String, Object>) page.evaluate(MEASURE);
                    misfits.addAll(misfits(view.getValue(), measured));
                    page.screenshot(new Page.ScreenshotOptions().setPath(PICTURES.resolve(view.getValue() + ".png")));
                    if (view.getKey().equals("vms") && !images.bootImages().isEmpty()) {
                        // The row's actions are behind its "⋮" menu, enabled by the VM's state.
                        page.locator("#vms-grid vaadin-menu-bar").first().locator("vaadin-menu-bar-button").first().click();
                        PlaywrightAssertions.assertThat(page.locator("vaadin-menu-bar-item",
                                new Page.LocatorOptions().setHasText("Force off"))).isVisible();
                        PlaywrightAssertions.assertThat(page.locator("vaadin-menu-bar-item",
                                new Page.LocatorOptions().setHasText("Start"))).isDisabled();
                        page.screenshot(new Page.ScreenshotOptions().setPath(PICTURES.resolve("vms-menu.png")));
                        page.keyboard().press("Escape");
                    }
                }
                // The project's workloads: its VM and its container in one grid.
                page.navigate(base() + "/projects/" + tenant.id() + "/workloads");
                PlaywrightAssertions.assertThat(page.locator("#project-workloads-grid"))
                        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
                page.waitForTimeout(1_000);
                misfits.addAll(misfits("project-workloads", (Map<String, Object>) page.evaluate(MEASURE)));
                page.screenshot(new Page.ScreenshotOptions().setPath(PICTURES.resolve("project-workloads.png")));
                if (!images.bootImages().isEmpty()) {
                    vmPage(page, tenant.id());
                }
                if (engine) {
                    containerPage(page, tenant.id());
                }
            }
            assertThat(misfits).as("grids that do not fit %d x %d", WIDTH, HEIGHT).isEmpty();
        } finally {
            asAdmin(() -> {
                containers.list().stream().filter(c -> c.projectId() == tenant.id()).forEach(c ->
                        tasks.await(containers.delete(c.id()).taskId(), Duration.ofSeconds(60)));
                vms.list().stream().filter(vm -> vm.projectId() == tenant.id()).forEach(vm -> {
                    VmOperation op = vms.delete(vm.id());
                    tasks.await(op.taskId(), Duration.ofSeconds(60));
                });
                hosts.remove(simulated.id());
            });
        }
    }

    /** A VM's page at 1366: readable sparklines while it runs; no screen picture once it is stopped. */
    private void vmPage(Page page, long projectId) {
        VmSummary vm = asAdmin(() -> vms.list().stream().filter(v -> v.projectId() == projectId).findFirst()
                .orElseThrow());
        page.navigate(base() + "/vms/" + vm.id());
        PlaywrightAssertions.assertThat(page.locator("#vm-title")).hasText(vm.name());
        page.waitForTimeout(7_000); // a few samples for the charts
        PlaywrightAssertions.assertThat(page.locator("#vm-cpu-chart .sparkline-scale")).containsText("100.0 %");
        PlaywrightAssertions.assertThat(page.locator("#vm-memory-chart .sparkline-now")).containsText("MiB");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(PICTURES.resolve("vm-page.png")));

        asAdmin(() -> tasks.await(vms.forceOff(vm.id()).taskId(), Duration.ofSeconds(60)));
        PlaywrightAssertions.assertThat(page.locator("#vm-no-screen")).hasText("The VM is stopped: no screen.",
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        PlaywrightAssertions.assertThat(page.locator("#vm-screenshot img")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(PICTURES.resolve("vm-page-stopped.png")));
    }

    /** A container's page at 1366: its command quoted as it runs, its output with the time of each line. */
    private void containerPage(Page page, long projectId) {
        ContainerSummary container = asAdmin(() -> containers.list().stream().filter(c -> c.projectId() == projectId)
                .findFirst().orElseThrow());
        page.navigate(base() + "/containers/" + container.id());
        PlaywrightAssertions.assertThat(page.locator("#container-facts"))
                .containsText("command sh -c 'echo hello; sleep 600'");
        PlaywrightAssertions.assertThat(page.locator("#container-live-logs")).containsText(
                Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +│ hello"),
                new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(PICTURES.resolve("container-page.png")));
    }

    @SuppressWarnings("unchecked")
    static List<String> misfits(String view, Map<String, Object> measured) {
        List<String> out = new ArrayList<>();
        double viewport = ((Number) measured.get("viewport")).doubleValue();
        if (((Number) measured.get("pageOverflow")).doubleValue() > 0) {
            out.add(view + ": the page scrolls sideways by " + measured.get("pageOverflow") + " px");
        }
        List<Map<String, Object>> grids = (List<Map<String, Object>>) measured.get("grids");
        if (grids.isEmpty()) {
            out.add(view + ": no grid shown");
        }
        for (Map<String, Object> grid : grids) {
            double right = ((Number) grid.get("right")).doubleValue();
            double lastHeader = ((Number) grid.get("lastHeaderRight")).doubleValue();
            double scrollWidth = ((Number) grid.get("scrollWidth")).doubleValue();
            double clientWidth = ((Number) grid.get("clientWidth")).doubleValue();
            String name = view + " #" + grid.get("id");
            if (right > viewport + 0.5) {
                out.add(name + ": its right edge " + right + " is beyond the screen's " + viewport);
            }
            if (lastHeader > right + 0.5) {
                out.add(name + ": its last column ends at " + lastHeader + ", past the grid's edge " + right);
            }
            if (scrollWidth > clientWidth + 1) {
                out.add(name + ": scrolls sideways (" + scrollWidth + " px of content in " + clientWidth + " px)");
            }
        }
        return out;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
