package io.gureum.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Requires;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Benchmark 6: heap per open UI session. The console holds {@link ManyVms#VMS} VMs; {@value #SESSIONS} real
 * Chromium sessions (separate browser contexts: separate cookies, so separate HTTP and Vaadin sessions), half of
 * them the administrator and half a project member, each logged in with the VM grid open and its first page
 * rendered. Used heap after full GCs is measured in this JVM (the console runs in it) before the sessions log in
 * and with all of them open: the delta over the sessions is the heap per session. A class histogram at load goes
 * to {@code target/benchmarks/session-memory-histogram.txt} to show what the sessions hold.
 */
@ConsoleTest
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the driver test-jars bring a 90 s default for tests
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionMemoryBenchmark {

    static final int SESSIONS = Integer.getInteger("bench.sessions", 20);
    static final Path HISTOGRAM = Bench.RESULTS.resolveSibling("session-memory-histogram.txt");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    SessionRegistry sessionRegistry;

    private final Set<VaadinSession> vaadinSessions = ConcurrentHashMap.newKeySet();

    @AfterAll
    void unload() {
        ManyVms.unload(context);
    }

    @Test
    void heap_per_session_with_the_vm_grid_of_ten_thousand_vms_open() throws Exception {
        Requires.chromium();
        ManyVms.World world = ManyVms.ensureLoaded(context);
        throttle.forgetAll();
        countVaadinSessions();
        String base = "http://localhost:" + port;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        try (Chromium browser = Chromium.start()) {
            // Warm-up: one session of each kind, then closed, so that class loading, Vaadin's and Spring's
            // one-time caches and the JIT are not counted as the sessions' heap.
            for (int i = 0; i < 2; i++) {
                Page page = browser.newPage();
                openGrid(page, base, i == 0 ? world.adminUsername() : world.memberUsername(),
                        i == 0 ? world.adminPassword() : world.memberPassword());
                page.context().close();
            }
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                pages.add(browser.newPage()); // browser side only: no request to the console yet
            }
            int vaadinBefore = vaadinSessions.size();
            long before = usedHeapAfterGc(memory);
            System.out.printf("SessionMemoryBenchmark: warmed up; %.1f MiB used before the sessions%n",
                    before / 1048576.0);

            long opening = System.nanoTime();
            for (int i = 0; i < SESSIONS; i++) {
                boolean admin = i % 2 == 0;
                long one = System.nanoTime();
                openGrid(pages.get(i), base, admin ? world.adminUsername() : world.memberUsername(),
                        admin ? world.adminPassword() : world.memberPassword());
                System.out.printf("SessionMemoryBenchmark: session %d (%s) open in %d ms%n", i + 1,
                        admin ? "admin" : "member", (System.nanoTime() - one) / 1_000_000);
            }
            long openedMs = (System.nanoTime() - opening) / 1_000_000;
            System.out.printf("SessionMemoryBenchmark: %d sessions open in %d ms%n", SESSIONS, openedMs);
            // Every page shows its first page of rows (the grid's lazy data provider delivered them).
            for (Page page : pages) {
                assertThat(page.locator("#vms-grid vaadin-grid-cell-content a").count()).isGreaterThan(0);
            }
            int vaadinOpen = vaadinSessions.size();
            int uisOpen = vaadinSessions.stream().mapToInt(s -> {
                s.getLockInstance().lock();
                try {
                    return s.getUIs().size();
                } finally {
                    s.getLockInstance().unlock();
                }
            }).sum();
            long authenticated = sessionRegistry.getAllPrincipals().stream()
                    .mapToLong(p -> sessionRegistry.getAllSessions(p, false).size()).sum();
            long loaded = usedHeapAfterGc(memory);
            String topClasses = histogram();

            long perSession = (loaded - before) / SESSIONS;
            assertThat(vaadinOpen - vaadinBefore).as("new Vaadin sessions").isEqualTo(SESSIONS);

            Bench.report("Memory per UI session (" + SESSIONS + " Chromium sessions, VM grid of "
                            + world.vms() + " VMs open)",
                    Bench.line("- sessions: %d (%d administrator, %d project member who sees %d VMs), each in its own "
                            + "browser context, logged in, /vms open with its first page rendered; opened in %d ms",
                            SESSIONS, (SESSIONS + 1) / 2, SESSIONS / 2, world.memberVisibleVms(), openedMs),
                    Bench.line("- proof they are real: Vaadin sessions %d -> %d (UIs at load: %d), authenticated "
                            + "HTTP sessions in Spring Security's registry at load: %d",
                            vaadinBefore, vaadinOpen, uisOpen, authenticated),
                    Bench.line("- used heap after full GC: %.1f MiB before the sessions, %.1f MiB with them "
                            + "(target: console heap < 512 MiB)", before / 1048576.0, loaded / 1048576.0),
                    Bench.line("- heap per session: %.0f KiB (target < 1024 KiB)", perSession / 1024.0),
                    Bench.line("- max heap %d MiB; class histogram at load: %s", memory.getHeapMemoryUsage().getMax()
                            / 1048576, HISTOGRAM),
                    "", "Top of the class histogram with the sessions open:", "", "```", topClasses, "```");
            // Closing the browser ends the pages; the server-side sessions live on until their HTTP session
            // times out (as for any browser that goes away without logging out).
        }
    }

    /** Logs in and opens the VM grid; returns when its first page of rows is rendered. */
    private static void openGrid(Page page, String base, String user, String password) {
        Chromium.logIn(page, base, user, password);
        page.navigate(base + "/vms");
        page.locator("#vms-grid vaadin-grid-cell-content a").first().waitFor(
                new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(120_000));
    }

    /** Registers (once) listeners on the console's Vaadin service that keep the set of live Vaadin sessions. */
    private void countVaadinSessions() {
        if (!vaadinSessions.isEmpty()) {
            return;
        }
        VaadinService service = null;
        for (ServletRegistrationBean<?> registration : context.getBeansOfType(ServletRegistrationBean.class).values()) {
            if (registration.getServlet() instanceof VaadinServlet servlet && servlet.getService() != null) {
                service = servlet.getService();
            }
        }
        assertThat(service).as("the console's Vaadin service").isNotNull();
        service.addSessionInitListener(init -> vaadinSessions.add(init.getSession()));
        service.addSessionDestroyListener(destroy -> vaadinSessions.remove(destroy.getSession()));
    }

    /** Used heap after full collections, repeated until two readings agree within 1 %. */
    static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < used / 100) {
                return Math.min(previous, used);
            }
            previous = used;
        }
        return previous;
    }

    /**
     * The class histogram of this JVM ({@code GC.class_histogram}, as jcmd prints it) through the in-process
     * DiagnosticCommand MBean: jcmd's attach to this busy JVM took minutes on a loaded machine. Written whole to a
     * file; its top lines are returned.
     */
    private static String histogram() throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.createDirectories(HISTOGRAM.getParent());
        Files.writeString(HISTOGRAM, String.valueOf(out));
        return String.join("\n", String.valueOf(out).lines().limit(28).toList());
    }
}
