package io.gureum.console.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.gureum.console.testsupport.Actors.asAdmin;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HostDaemons;
import io.gureum.console.testsupport.Requires;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A fault tried for real, seen in a browser: libvirtd is killed and started again while a VM's page (real QEMU)
 * and a container's live log page are open. The pages show no raw exception, say the VM's host does not answer,
 * then the truth again, and keep updating.
 */
@ConsoleTest
@Tag("fault")
class LibvirtdRestartBrowserTest {

    static final String TICKER = "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done";
    static final LocatorAssertions.HasTextOptions WITHIN_60_S = new LocatorAssertions.HasTextOptions()
            .setTimeout(60_000);

    @LocalServerPort
    int port;

    @Autowired
    HostService hosts;

    @Autowired
    VmService vms;

    @Autowired
    ContainerService containers;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    VirtualMachineRepository repository;

    @Autowired
    VmProvisioner provisioner;

    @Test
    void pages_open_during_a_libvirtd_restart_show_the_host_unreachable_then_the_truth_and_keep_updating()
            throws Exception {
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system")
                && h.engineProduct() != null).findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no local host with libvirtd and Podman registered: run src/host/setup.sh");
        }
        HostDaemons.libvirtdPid();
        throttle.forgetAll();
        Fixtures.Tenant tenant = fixtures.tenant("fault-pages");
        asAdmin(() -> hosts.setMaintenance(local.id(), false));
        hosts.hypervisorOf(local.id()).ensureDirectoryPool(VmProvisioner.POOL, LibvirtdKilledFaultTest.POOL_PATH);
        asAdmin(() -> hosts.refresh(local.id()));
        VmOperation vm = asAdmin(() -> vms.create(new NewVm("pages" + System.nanoTime() % 100_000, tenant.id(),
                ImageCatalog.TINY_LINUX, 1, 128, local.id())));
        ContainerOperation container = asAdmin(() -> containers.create(new NewContainer("pages", tenant.id(), null,
                TICKER, Map.of(), 0.5, 64, "no", null)));
        Files.createDirectories(Chromium.DOC_IMAGES);
        try (Chromium browser = Chromium.start()) {
            org.assertj.core.api.Assertions.assertThat(asAdmin(() -> tasks.await(vm.taskId(), Duration.ofSeconds(90)))
                    .state()).isEqualTo(TaskState.SUCCEEDED);
            org.assertj.core.api.Assertions.assertThat(asAdmin(() -> tasks.await(container.taskId(),
                    Duration.ofSeconds(60))).state()).isEqualTo(TaskState.SUCCEEDED);
            Page vmPage = browser.newPage();
            Page logPage = browser.newPage();
            try {
                Chromium.logIn(vmPage, base(), tenant.member().username(), Fixtures.PASSWORD);
                vmPage.navigate(base() + "/vms/" + vm.vm().id());
                assertThat(vmPage.locator("#vm-state")).hasText("running", WITHIN_60_S);
                assertThat(vmPage.locator("#vm-serial")).containsText("GUREUM-GUEST-READY",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
                Chromium.logIn(logPage, base(), tenant.member().username(), Fixtures.PASSWORD);
                logPage.navigate(base() + "/containers/" + container.container().id());
                assertThat(logPage.locator("#container-live-logs")).containsText("tick-2",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));

                HostSummary whileDown;
                try {
                    HostDaemons.killLibvirtd();
                    whileDown = asAdmin(() -> hosts.refresh(local.id())); // what the host monitor does
                    // The open VM page follows by itself: its host does not answer, so its state is unknown.
                    assertThat(vmPage.locator("#vm-state")).hasText("unknown", WITHIN_60_S);
                    assertThat(vmPage.locator("#vm-screenshot")).containsText("host does not answer");
                    // What the guest printed stays shown: the host not answering does not mean it printed nothing.
                    assertThat(vmPage.locator("#vm-serial")).containsText("GUREUM-GUEST-READY");
                    vmPage.screenshot(new Page.ScreenshotOptions()
                            .setPath(Chromium.DOC_IMAGES.resolve("fault-vm-host-unreachable.png")));
                } finally {
                    HostDaemons.startLibvirtd();
                    awaitHostUp(local.id()); // later tests of the run need the host placeable again
                }
                org.assertj.core.api.Assertions.assertThat(whileDown.status()).isEqualTo(HostStatus.UNREACHABLE);
                int before = lastTick(logPage.locator("#container-live-logs").innerText());

                // libvirtd is back: the VM page tells the truth again without a reload, the log page goes on.
                assertThat(vmPage.locator("#vm-state")).hasText("running", WITHIN_60_S);
                assertThat(vmPage.locator("#vm-state-changes")).containsText("unknown → running");
                assertThat(logPage.locator("#container-live-logs")).containsText("tick-" + (before + 2),
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                for (Page page : new Page[] {vmPage, logPage}) {
                    String text = page.locator("body").innerText();
                    org.assertj.core.api.Assertions.assertThat(text).doesNotContain("Exception")
                            .doesNotContainPattern("\\bat (io|org|java)\\.");
                }
                // And the Hosts page: the host monitor (every 15 s) records the host up again.
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (asAdmin(() -> hosts.get(local.id())).status() != HostStatus.UP && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                org.assertj.core.api.Assertions.assertThat(asAdmin(() -> hosts.get(local.id())).status())
                        .isEqualTo(HostStatus.UP);
            } catch (Throwable failed) {
                vmPage.screenshot(new Page.ScreenshotOptions()
                        .setPath(java.nio.file.Path.of("target/fault-screenshots/vm-page.png")));
                logPage.screenshot(new Page.ScreenshotOptions()
                        .setPath(java.nio.file.Path.of("target/fault-screenshots/log-page.png")));
                throw failed;
            }
        } finally {
            awaitHostUp(local.id()); // a delete while the host is still unreachable would fail and leave the VM
            try {
                asAdmin(() -> tasks.await(vms.delete(vm.vm().id()).taskId(), Duration.ofSeconds(60)));
            } finally {
                // Never leave the VM on the host for later runs, even when its delete failed.
                repository.findById(vm.vm().id()).map(VirtualMachine::domainName)
                        .flatMap(name -> hosts.hypervisorOf(local.id()).findByName(name))
                        .ifPresent(d -> provisioner.removeQuietly(hosts.hypervisorOf(local.id()), d.id()));
                asAdmin(() -> tasks.await(containers.delete(container.container().id()).taskId(),
                        Duration.ofSeconds(60)));
            }
        }
    }

    private void awaitHostUp(java.util.UUID hostId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (asAdmin(() -> hosts.refresh(hostId)).status() != HostStatus.UP && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static int lastTick(String text) {
        Matcher m = Pattern.compile("tick-(\\d+)").matcher(text);
        int last = 0;
        while (m.find()) {
            last = Math.max(last, Integer.parseInt(m.group(1)));
        }
        return last;
    }
}
