package io.gureum.console.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VolumeInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A VM's whole life through a real browser on the real local QEMU host (qemu:///system): a project
 * member creates it from the tiny image, sees it run and its serial marker, watches the page follow a
 * {@code virsh destroy} made outside the console, starts it, shuts it down and deletes it. Then an
 * administrator adopts a domain made by hand with {@code virsh define} + {@code virsh start}.
 * Takes the user guide's screenshots of those pages.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmLifecycleBrowserTest {

    static final String VIRSH_URI = "qemu:///system";
    static final Path TINY = Path.of("/var/lib/gureum/images/tiny-linux");
    static final LocatorAssertions.IsVisibleOptions LONG = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

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
    VirtualMachineRepository repository;

    @Autowired
    Fixtures fixtures;

    private Chromium browser;
    private HostSummary local;
    /** Hosts this test put in maintenance so that placement lands on the local one; taken out again after. */
    private final List<UUID> parked = new ArrayList<>();

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

    @BeforeEach
    void onlyTheLocalHost() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        local = asAdmin(() -> hosts.list().stream().filter(h -> VIRSH_URI.equals(h.libvirtUri()))
                .findFirst().orElse(null));
        if (local == null || !local.acceptsPlacements()) {
            Requires.missing("no local libvirtd host (" + VIRSH_URI + ") registered and up: run src/host/setup.sh");
        }
        // A member cannot choose the host: every other host takes a break, so placement picks the real one.
        asAdmin(() -> hosts.forPlacement().stream()
                .filter(h -> !h.id().equals(local.id()) && !h.maintenance())
                .forEach(h -> {
                    hosts.setMaintenance(h.id(), true);
                    parked.add(h.id());
                }));
        throttle.forgetAll();
    }

    @AfterEach
    void unpark() {
        asAdmin(() -> parked.forEach(id -> {
            try {
                hosts.setMaintenance(id, false);
            } catch (RuntimeException removed) {
                // removed meanwhile by the test that made it
            }
        }));
        parked.clear();
    }

    @Test
    void a_member_creates_a_vm_watches_it_follow_virsh_destroy_starts_shuts_down_and_deletes_it() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant("vmlife");
        String name = "life-" + Long.toString(System.nanoTime() % 100_000);
        Files.createDirectories(Chromium.DOC_IMAGES);
        Page page = browser.newPage();
        try {
            Chromium.logIn(page, base(), tenant.member().username(), Fixtures.PASSWORD);
            page.navigate(base() + "/vms");
            page.locator("#create-vm").click();
            page.locator("#vm-name input").fill(name);
            assertThat(page.locator("vaadin-select", new Page.LocatorOptions().setHasText("Tiny Linux (test)")))
                    .isVisible();
            assertThat(page.locator("vaadin-select", new Page.LocatorOptions().setHasText(tenant.project().name())))
                    .isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();

            // Provisioning, then running on the local host: the grid follows by itself.
            assertThat(cell(page, "vms-grid", name)).isVisible();
            assertThat(cell(page, "vms-grid", "running")).isVisible(LONG);
            assertThat(cell(page, "vms-grid", "local")).isVisible();
            VirtualMachine row = asAdmin(() -> vms.list().stream().filter(vm -> vm.projectId() == tenant.id()
                    && vm.name().equals(name)).findFirst())
                    .flatMap(vm -> repository.findById(vm.id())).orElseThrow();
            org.assertj.core.api.Assertions.assertThat(row.hostId()).isEqualTo(local.id());
            String domain = row.domainName();
            Hypervisor hypervisor = hosts.hypervisorOf(local.id());
            String overlay = domain + "-disk0.qcow2";
            org.assertj.core.api.Assertions.assertThat(volume(hypervisor, overlay)).isPresent()
                    .get().satisfies(v -> org.assertj.core.api.Assertions.assertThat(v.backingPath()).isPresent());

            // Its page: the guest's own serial console shows it booted with its name.
            Chromium.follow(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)),
                    Pattern.compile(".*/vms/" + row.id() + "$"));
            assertThat(page.locator("#vm-title")).hasText(name);
            assertThat(page.locator("#vm-state")).hasText("running");
            assertThat(page.locator("#vm-serial")).containsText("GUREUM-GUEST-READY hostname=" + name,
                    new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

            // Stopped outside the console: the open page follows by itself, no reload.
            virsh("destroy", domain);
            assertThat(page.locator("#vm-state")).hasText("stopped", new LocatorAssertions.HasTextOptions()
                    .setTimeout(10_000));
            assertThat(page.locator("#vm-state-changes")).containsText("running → stopped");
            assertThat(page.locator("#vm-action-start")).isEnabled();

            page.locator("#vm-action-start").click();
            assertThat(page.locator("#vm-state")).hasText("running", new LocatorAssertions.HasTextOptions()
                    .setTimeout(30_000));
            assertThat(page.locator("#vm-action-shut-down")).isEnabled();

            // The tiny guest may ignore ACPI: the console forces it off after its timeout.
            page.locator("#vm-action-shut-down").click();
            assertThat(page.locator("#vm-state")).hasText("stopped", new LocatorAssertions.HasTextOptions()
                    .setTimeout(60_000));
            org.assertj.core.api.Assertions.assertThat(hypervisor.info(row.domainUuid()).state().isActive()).isFalse();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
            Locator confirm = confirmButton(page, "Delete");
            assertThat(confirm).isVisible();
            page.waitForTimeout(400); // let the dialog finish opening before the picture
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("vm-delete.png")));
            confirm.click();
            page.waitForURL(Pattern.compile(".*/vms$"));
            assertThat(page.locator("#vms-grid")).isVisible();
            // (The grid keeps the cells of rows it no longer shows, hidden: only visible ones count.)
            assertThat(visibleCell(page, "vms-grid", name)).hasCount(0, new LocatorAssertions.HasCountOptions()
                    .setTimeout(60_000));

            // Gone from the host with its disk, and the row says so.
            waitFor(() -> repository.findById(row.id()).orElseThrow().state() == VmStatus.DELETED, 60,
                    "the VM row to be DELETED");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hypervisor.info(row.domainUuid()))
                    .isInstanceOf(HypervisorException.NotFound.class);
            org.assertj.core.api.Assertions.assertThat(hypervisor.findByName(domain)).isEmpty();
            org.assertj.core.api.Assertions.assertThat(volume(hypervisor, overlay)).isEmpty();
        } catch (Throwable failed) {
            failureScreenshot(page, "vm-lifecycle");
            throw failed;
        } finally {
            page.close();
            asAdmin(() -> vms.list().stream().filter(vm -> vm.projectId() == tenant.id())
                    .forEach(vm -> {
                        try {
                            tasks.await(vms.delete(vm.id()).taskId(), Duration.ofSeconds(60));
                        } catch (RuntimeException gone) {
                            // deleted by the test, or deleting already
                        }
                    }));
        }
    }

    @Test
    void an_administrator_adopts_a_domain_made_by_hand_with_virsh() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant("adoptui");
        String domain = "h4-handmade-" + Long.toString(System.nanoTime() % 100_000);
        UUID uuid = UUID.randomUUID();
        Path dir = Files.createTempDirectory("gureum-adopt");
        Path xml = dir.resolve(domain + ".xml");
        Files.writeString(xml, """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 panic=-1 quiet gureum.hostname=%s</cmdline>
                  </os>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <serial type='pty'><target port='0'/></serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(domain, uuid, TINY.resolve("vmlinuz"), TINY.resolve("initrd.img"), domain),
                StandardCharsets.UTF_8);
        Page page = browser.newPage();
        try {
            virsh("define", xml.toString());
            virsh("start", domain);

            Chromium.logIn(page, base(), "admin", ConsoleTest.ADMIN_PASSWORD);
            page.navigate(base() + "/vms");
            assertThat(page.getByText("Unmanaged on hosts")).isVisible();
            Locator handMade = cell(page, "unmanaged-vms-grid", domain);
            assertThat(handMade).isVisible();
            Locator adopt = page.locator("#adopt-vm-" + uuid);
            adopt.scrollIntoViewIfNeeded();
            adopt.click();
            page.locator("#adopt-vm-project").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(tenant.project().name())
                    .setExact(true)).click();
            assertThat(page.locator("#adopt-vm-project")).containsText(tenant.project().name());
            page.waitForTimeout(400); // let the dialog and the list settle before the picture
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("vm-unmanaged.png")));
            page.locator("#adopt-vm").click();

            // No longer unmanaged; a managed VM of the project, running, found by its name in the grid.
            assertThat(visibleCell(page, "unmanaged-vms-grid", domain)).hasCount(0);
            VmSummary adopted = waitForAdopted(uuid);
            org.assertj.core.api.Assertions.assertThat(adopted.projectId()).isEqualTo(tenant.id());
            org.assertj.core.api.Assertions.assertThat(adopted.state()).isEqualTo(VmStatus.RUNNING);
            page.locator("#vm-filter-name input").fill(adopted.name());
            assertThat(cell(page, "vms-grid", adopted.name())).isVisible();
            assertThat(cell(page, "vms-grid", tenant.project().name())).isVisible();
            assertThat(cell(page, "vms-grid", "running")).isVisible();

            Chromium.follow(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(adopted.name())),
                    Pattern.compile(".*/vms/" + adopted.id() + "$"));
            assertThat(page.locator("#vm-state")).hasText("running");
            // Adopted: no image of the console's, and (made by hand) no serial log the console may read.
            assertThat(page.locator("p", new Page.LocatorOptions().setHasText("image adopted"))).isVisible();
            assertThat(page.locator("#vm-action-force-off")).isEnabled();
            assertThat(page.locator("#vm-serial")).containsText("not of adopted ones");
        } catch (Throwable failed) {
            failureScreenshot(page, "vm-lifecycle");
            throw failed;
        } finally {
            page.close();
            asAdmin(() -> vms.list().stream().filter(vm -> vm.projectId() == tenant.id())
                    .forEach(vm -> {
                        try {
                            tasks.await(vms.delete(vm.id()).taskId(), Duration.ofSeconds(60));
                        } catch (RuntimeException gone) {
                            // deleting already
                        }
                    }));
            virshQuietly("destroy", domain);
            virshQuietly("undefine", domain);
            Files.deleteIfExists(xml);
            Files.deleteIfExists(dir);
        }
    }

    /** What the browser showed when the test failed, for whoever reads the report. */
    static void failureScreenshot(Page page, String name) {
        try {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target/browser-failures/" + name + "-" + System.currentTimeMillis() + ".png")));
        } catch (RuntimeException noPicture) {
            // the page is gone
        }
    }

    private VmSummary waitForAdopted(UUID domainUuid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<VmSummary> found = asAdmin(() -> vms.list().stream()
                    .filter(vm -> repository.findById(vm.id()).map(r -> domainUuid.equals(r.domainUuid()))
                            .orElse(false))
                    .findFirst());
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("domain " + domainUuid + " was not adopted");
    }

    /** A grid cell whose whole text is {@code text}. */
    static Locator cell(Page page, String gridId, String text) {
        return page.locator("#" + gridId + " vaadin-grid-cell-content", new Page.LocatorOptions()
                .setHasText(Pattern.compile("^" + text.replace(".", "\\.") + "$"))).first();
    }

    /** The visible grid cells whose whole text is {@code text}. */
    static Locator visibleCell(Page page, String gridId, String text) {
        return page.locator("#" + gridId + " vaadin-grid-cell-content:visible", new Page.LocatorOptions()
                .setHasText(Pattern.compile("^" + text.replace(".", "\\.") + "$")));
    }

    /** The confirm button of the open confirmation dialog. */
    static Locator confirmButton(Page page, String text) {
        return page.locator("vaadin-button[slot='confirm-button']", new Page.LocatorOptions().setHasText(text));
    }

    static Optional<VolumeInfo> volume(Hypervisor hypervisor, String name) {
        return hypervisor.listVolumes(VmProvisioner.POOL).stream().filter(v -> v.ref().volume().equals(name))
                .findFirst();
    }

    /** Runs virsh as an operator would on the host; fails the test when it fails. */
    static void virsh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", VIRSH_URI));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }

    static void virshQuietly(String... args) {
        try {
            virsh(args);
        } catch (AssertionError | IOException | InterruptedException notThere) {
            // already gone
        }
    }

    static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
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
