package io.gureum.console.quota;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
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
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Self-service with a quota, through a real browser: the admin creates a member and a project with a
 * quota of one VM; the member creates one VM, sees the second refused with the numbers, cannot open
 * another project's VM by URL; the audit log shows all of it.
 */
@ConsoleTest
class SelfServiceBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    ImageCatalog images;

    @Autowired
    ProjectService projects;

    @Autowired
    HostService hosts;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Test
    void a_member_works_within_a_one_vm_quota_and_everything_is_on_record() throws Exception {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        throttle.forgetAll();
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        String member = "member" + suffix;
        String team = "team" + suffix;
        // Someone else's VM, on the simulated host, to guess the URL of.
        HostSummary simulated = Actors.asAdmin(() -> hosts.register(new NewHost(Actors.unique("sim"),
                "test:///default", "", "")));
        Fixtures.Tenant others = fixtures.tenant("others");
        VmSummary foreign = Actors.asAdmin(() -> {
            VmOperation op = vms.create(new NewVm("secret", others.id(), ImageCatalog.TINY_LINUX, 1, 128,
                    simulated.id()));
            tasks.await(op.taskId(), Duration.ofSeconds(60));
            return vms.get(op.vm().id());
        });

        try (Chromium browser = Chromium.start(); Page admin = browser.newPage(); Page user = browser.newPage()) {
            // The administrator: a user, a project owned by the admin, a quota of one VM, the member.
            Chromium.logIn(admin, base(), "admin", ConsoleTest.ADMIN_PASSWORD);
            admin.navigate(base() + "/users");
            admin.locator("#create-user").click();
            admin.getByLabel("User name").fill(member);
            admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Member " + suffix);
            admin.getByLabel("Initial password").fill(Fixtures.PASSWORD);
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();
            // The suite has made hundreds of accounts by now: narrow the list as an admin would.
            assertThat(admin.locator("#create-user-dialog")).isHidden();
            admin.locator("#users-filter input").fill(member);
            assertThat(admin.locator("#users-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^" + member + "$"))).first()).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));

            admin.navigate(base() + "/projects");
            admin.getByLabel("Project name").fill(team);
            admin.getByLabel("Owner (user name)").fill("admin");
            admin.locator("#create-project").click();
            ProjectSummary project = waitForProject(team);
            admin.locator("#limit-" + project.id() + "-vms input").fill("1");
            admin.locator("#limit-" + project.id() + "-vms input").press("Enter");
            waitFor(() -> Actors.asAdmin(() -> quotasOf(project.id()).vms()) == 1, "the VM limit to be 1");

            admin.navigate(base() + "/projects/" + project.id());
            admin.getByLabel("User name").fill(member);
            admin.locator("#add-member").click();
            assertThat(admin.locator("#members-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^" + member + "$"))).first()).isVisible();

            // The member: one VM fits, the second is refused with the numbers.
            Chromium.logIn(user, base(), member, Fixtures.PASSWORD);
            user.navigate(base() + "/vms");
            createVm(user, "first");
            assertThat(user.locator("#vms-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^running$"))).first())
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            user.locator("#create-vm").click();
            assertThat(user.locator("#vm-quota-hint")).containsText("1 of 0 VMs");
            user.keyboard().press("Escape");
            createVm(user, "second");
            assertThat(user.locator("#create-vm-error")).containsText("VMs");
            assertThat(user.locator("#create-vm-error")).containsText("1");
            user.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("quota-refused.png")));
            user.keyboard().press("Escape");

            // Guessing another project's VM by URL reveals nothing.
            user.navigate(base() + "/vms/" + foreign.id());
            assertThat(user.locator("#vm-not-found")).hasText("There is no virtual machine " + foreign.id() + ".");
            assertThat(user.getByText("secret")).hasCount(0);

            // The audit log has all of it: filter by action, find our target.
            admin.navigate(base() + "/audit");
            // Each search is narrowed by actor as well, so that the entry is on the first screen of the grid
            // however many entries the rest of the suite has written; a loaded machine gets 20 s per search.
            String[][] expected = {{"admin", "user.created", member}, {"admin", "project.created", team},
                    {"admin", "quota.changed", team}, {"admin", "project.member-added", member},
                    {member, "vm.create", "first"}, {member, "login", member}};
            String previous = null;
            for (String[] entry : expected) {
                admin.getByLabel("Actor").fill(entry[0]);
                admin.getByLabel("Action").fill(entry[1]);
                admin.locator("#audit-search").click();
                if (previous != null) {
                    // the previous search's rows are gone: what is checked next is this search's answer
                    assertThat(admin.locator("#audit-grid vaadin-grid-cell-content:visible", new Page.LocatorOptions()
                            .setHasText(Pattern.compile("^" + Pattern.quote(previous) + "$"))))
                            .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
                }
                assertThat(admin.locator("#audit-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                        .setHasText(entry[2])).first())
                        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
                previous = entry[1];
            }
            admin.getByLabel("Action").fill("");
            admin.getByLabel("Actor").fill(member);
            admin.locator("#audit-search").click();
            assertThat(admin.locator("#audit-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("^vm\\.create.*"))).first())
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            admin.screenshot(new Page.ScreenshotOptions().setPath(Chromium.DOC_IMAGES.resolve("audit-scenario.png")));
        } finally {
            Actors.asAdmin(() -> {
                vms.list().stream().filter(vm -> vm.id().equals(foreign.id()) || vm.name().equals("first"))
                        .forEach(vm -> tasks.await(vms.delete(vm.id()).taskId(), Duration.ofSeconds(60)));
                hosts.remove(simulated.id());
            });
        }
    }

    private void createVm(Page page, String name) {
        page.locator("#create-vm").click();
        page.locator("#vm-name input").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();
    }

    @Autowired
    QuotaService quotas;

    private ResourceAmounts quotasOf(long projectId) {
        return quotas.limits(projectId);
    }

    private ProjectSummary waitForProject(String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var found = Actors.asAdmin(() -> projects.visibleProjects().stream()
                    .filter(p -> p.name().equals(name)).findFirst());
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("project " + name + " was not created");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited 10 s for " + what);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
