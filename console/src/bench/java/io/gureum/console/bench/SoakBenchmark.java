package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.DatabaseProbe;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HostDaemons;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The soak (issue 11, section 6): for {@code soak.minutes} (default 30) several project members churn VMs on
 * real QEMU and containers on real Podman (create, stop, start, delete), 10 browser sessions keep live pages
 * open and move between them, the Podman API service is stalled ({@code kill -STOP}) for 20 s every few minutes
 * and resumed, and libvirtd is restarted once half-way. It reports the operations done, the errors by kind, and
 * checks at the end: no "database has been closed", the database writable throughout, usage equal to the live
 * resources, no orphan domain, volume or container, no task left unfinished, and the heap after a full GC.
 * <p>
 * {@code sudo src/run-benchmarks.sh -Dbench=SoakBenchmark -Dsoak.minutes=30}
 */
@ConsoleTest
@Timeout(value = 240, unit = TimeUnit.MINUTES)
class SoakBenchmark {

    static final int MINUTES = Integer.getInteger("soak.minutes", 30);
    static final int USERS = Integer.getInteger("soak.users", 3);
    static final int BROWSERS = Integer.getInteger("soak.browsers", 10);
    static final int STALL_EVERY_MINUTES = Integer.getInteger("soak.stallEveryMinutes", 4);
    static final Duration STALL = Duration.ofSeconds(20);
    static final Duration TASK_TIMEOUT = Duration.ofMinutes(3);
    static final String TAG = "soak";
    static final String TICK = "while true; do echo tick; sleep 2; done";

    @Autowired VmService vms;
    @Autowired ContainerService containers;
    @Autowired HostService hosts;
    @Autowired QuotaService quotas;
    @Autowired TaskService tasks;
    @Autowired Fixtures fixtures;
    @Autowired DatabaseProbe database;
    @Autowired LoginThrottle throttle;
    @LocalServerPort int port;

    private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicInteger unwritableProbes = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> faultLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;

    @Test
    void soak() throws Exception {
        Requires.chromium();
        HostSummary local = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> !h.simulated() && h.acceptsPlacements() && h.libvirtUri().startsWith("qemu:"))
                .findFirst().orElse(null);
        if (local == null) {
            Requires.missing("no local QEMU host answers (run src/host/setup.sh --for-tests)");
            return;
        }
        // the daemons as the fault suite finds and handles them (src/host/daemons.sh, the pid file setup.sh writes)
        HostDaemons.libvirtdPid();
        long podman = HostDaemons.podmanServicePid();
        ClosedDatabaseCounter closedDatabase = ClosedDatabaseCounter.attach();
        long heapBefore = heapAfterGc();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MINUTES);
        List<Fixtures.Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Fixtures.Tenant tenant = fixtures.tenant(TAG);
            asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(8, 4096, 64, 4, 4, 4, 1024)));
            tenants.add(tenant);
        }
        throttle.forgetAll();

        ExecutorService workers = Executors.newFixedThreadPool(USERS * 2 + 3,
                Thread.ofPlatform().name("soak-", 1).factory());
        List<Future<?>> running = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Fixtures.Tenant tenant : tenants) {
            running.add(workers.submit(() -> churnVms(tenant, deadline)));
            running.add(workers.submit(() -> churnContainers(tenant, deadline)));
        }
        running.add(workers.submit(() -> browse(tenants, deadline)));
        running.add(workers.submit(() -> faults(deadline)));
        running.add(workers.submit(() -> probeDatabase(deadline)));
        for (Future<?> f : running) {
            try {
                f.get(MINUTES + 30L, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                count(errors, "worker died: " + kind(e.getCause()));
            }
        }
        stopping = true;
        workers.shutdown();
        long soakNanos = System.nanoTime() - t0;

        // The end: every soak resource is deleted through the console, then the host and the database must agree.
        HostDaemons.resume(podman);
        for (Fixtures.Tenant tenant : tenants) {
            cleanUp(tenant);
        }
        List<String> unfinished = unfinishedTasks(tenants);
        List<String> usageMismatches = usageMismatches(tenants);
        List<String> orphans = orphans();
        long heapAfter = heapAfterGc();
        closedDatabase.detach();

        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("%.1f minutes on host %s (domain type %s): %d members churning VMs and containers, "
                        + "%d browser sessions, Podman stalled %d s every %d min, libvirtd restarted once.",
                soakNanos / 60e9, local.name(), local.domainType(), USERS, BROWSERS, STALL.toSeconds(),
                STALL_EVERY_MINUTES));
        lines.add("");
        lines.add("| operation | done |");
        lines.add("|---|---:|");
        done.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(Bench.line("| %s | %d |", e.getKey(), e.getValue().get())));
        lines.add("");
        lines.add("| error kind | count |");
        lines.add("|---|---:|");
        errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(Bench.line("| %s | %d |", e.getKey(), e.getValue().get())));
        lines.add("");
        lines.add("Faults injected: " + String.join("; ", faultLog));
        lines.add("");
        // worded without H2's message, so that a search of the reports for it finds only a real closed database
        lines.add(Bench.line("- log events of a closed database (H2 error 90098): **%d**", closedDatabase.count()));
        lines.add(Bench.line("- database write probes failed: **%d** of %d", unwritableProbes.get(), probes.get()));
        lines.add(Bench.line("- tasks of the soak projects not finished at the end: **%d** %s", unfinished.size(),
                unfinished));
        lines.add(Bench.line("- projects whose quota usage differs from their live resources: **%d** %s",
                usageMismatches.size(), usageMismatches));
        lines.add(Bench.line("- orphan domains, volumes or containers on the host: **%d** %s", orphans.size(), orphans));
        lines.add(Bench.line("- heap after full GC: %.1f MiB before, %.1f MiB after (max heap %d MiB)",
                heapBefore / 1048576.0, heapAfter / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576));
        lines.add(Bench.line("- 1-minute load average at the end: %s", Outcomes.loadAverage()));
        Bench.report("Soak: " + MINUTES + " minutes", lines.toArray(String[]::new));

        assertThat(closedDatabase.count()).as("log events of a closed database (H2 error 90098)").isZero();
        assertThat(unwritableProbes.get()).as("database write probes that failed").isZero();
        assertThat(unfinished).as("unfinished tasks").isEmpty();
        assertThat(usageMismatches).as("usage different from live resources").isEmpty();
        assertThat(orphans).as("orphans").isEmpty();
    }

    // ---- churn -------------------------------------------------------------------------------------------------

    private void churnVms(Fixtures.Tenant tenant, long deadline) {
        String member = tenant.member().username();
        int round = 0;
        while (System.nanoTime() < deadline) {
            round++;
            String name = TAG + "-" + tenant.id() + "-v" + round;
            VmOperation created = attempt("vm.create", () -> asUser(member,
                    () -> vms.create(new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null))));
            if (created == null) {
                pause();
                continue;
            }
            UUID id = created.vm().id();
            if (finished("vm.create", member, created.taskId())) {
                boolean graceful = round % 2 == 0;
                VmOperation stop = attempt(graceful ? "vm.shutdown" : "vm.force-off", () -> asUser(member,
                        () -> graceful ? vms.shutdown(id) : vms.forceOff(id)));
                if (stop != null && finished(graceful ? "vm.shutdown" : "vm.force-off", member, stop.taskId())) {
                    VmOperation start = attempt("vm.start", () -> asUser(member, () -> vms.start(id)));
                    if (start != null) {
                        finished("vm.start", member, start.taskId());
                    }
                }
            }
            deleteVm(member, id);
        }
    }

    private void churnContainers(Fixtures.Tenant tenant, long deadline) {
        String member = tenant.member().username();
        int round = 0;
        while (System.nanoTime() < deadline) {
            round++;
            String name = TAG + "-" + tenant.id() + "-c" + round;
            ContainerOperation created = attempt("container.create", () -> asUser(member, () -> containers.create(
                    new NewContainer(name, tenant.id(), null, TICK, Map.of(), 0.25, 32, "no", null))));
            if (created == null) {
                pause();
                continue;
            }
            UUID id = created.container().id();
            if (finished("container.create", member, created.taskId())) {
                attempt("container.logs", () -> asUser(member, () -> containers.logs(id, 20)));
                ContainerOperation stop = attempt("container.stop", () -> asUser(member, () -> containers.stop(id)));
                if (stop != null && finished("container.stop", member, stop.taskId())) {
                    ContainerOperation start = attempt("container.start",
                            () -> asUser(member, () -> containers.start(id)));
                    if (start != null) {
                        finished("container.start", member, start.taskId());
                    }
                }
            }
            deleteContainer(member, id);
        }
    }

    private void deleteVm(String member, UUID id) {
        for (int i = 0; i < 20; i++) {
            VmOperation deleting = attempt("vm.delete", () -> asUser(member, () -> vms.delete(id)));
            if (deleting != null && finished("vm.delete", member, deleting.taskId())) {
                return;
            }
            if (gone(() -> asUser(member, () -> vms.get(id)))) {
                return;
            }
            pause();
        }
    }

    private void deleteContainer(String member, UUID id) {
        for (int i = 0; i < 20; i++) {
            ContainerOperation deleting = attempt("container.delete", () -> asUser(member, () -> containers.delete(id)));
            if (deleting != null && finished("container.delete", member, deleting.taskId())) {
                return;
            }
            if (gone(() -> asUser(member, () -> containers.get(id)))) {
                return;
            }
            pause();
        }
    }

    /** Runs a console call; a refusal or failure is counted by kind and gives null. */
    private <T> T attempt(String what, Supplier<T> call) {
        try {
            T result = call.get();
            return result;
        } catch (RuntimeException e) {
            count(errors, what + " refused: " + kind(e));
            return null;
        }
    }

    /** Waits for a task; true if it succeeded. */
    private boolean finished(String what, String member, UUID taskId) {
        try {
            TaskSummary task = asUser(member, () -> tasks.await(taskId, TASK_TIMEOUT));
            if (task.state() == TaskState.SUCCEEDED) {
                count(done, what);
                return true;
            }
            count(errors, what + " failed: " + shorten(task.message()));
            return false;
        } catch (RuntimeException e) {
            count(errors, what + " wait: " + kind(e));
            return false;
        }
    }

    private static boolean gone(Supplier<?> lookup) {
        try {
            Object found = lookup.get();
            return found instanceof VmSummary vm ? vm.state() == VmStatus.DELETED
                    : found instanceof ContainerSummary c && c.state().name().equals("DELETED");
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName().contains("NotFound");
        }
    }

    // ---- browsers ----------------------------------------------------------------------------------------------

    /** 10 sessions (half members, half the administrator), each moving to its next live page every 20 s. */
    private void browse(List<Fixtures.Tenant> tenants, long deadline) {
        String base = "http://localhost:" + port;
        try (Chromium chromium = Chromium.start()) {
            Browser browser = chromium.browser();
            List<Page> pages = new ArrayList<>();
            List<BrowserContext> contexts = new ArrayList<>();
            for (int i = 0; i < BROWSERS; i++) {
                BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768));
                contexts.add(context);
                Page page = context.newPage();
                boolean admin = i % 2 == 0;
                String user = admin ? "admin" : tenants.get(i % tenants.size()).member().username();
                String password = admin ? ConsoleTest.ADMIN_PASSWORD : Fixtures.PASSWORD;
                try {
                    Chromium.logIn(page, base, user, password);
                    count(done, "browser.login");
                } catch (RuntimeException e) {
                    count(errors, "browser.login: " + kind(e));
                }
                pages.add(page);
            }
            int step = 0;
            while (System.nanoTime() < deadline) {
                step++;
                for (int i = 0; i < pages.size(); i++) {
                    Page page = pages.get(i);
                    String path = livePage(i + step, tenants.get(i % tenants.size()));
                    try {
                        page.navigate(base + path, new Page.NavigateOptions()
                                .setWaitUntil(WaitUntilState.DOMCONTENTLOADED).setTimeout(60_000));
                        page.waitForTimeout(1500); // the view renders and its live updates start
                        String text = page.locator("body").innerText();
                        if (text.contains("Exception") || text.contains("Internal error")) {
                            count(errors, "browser: raw error shown on " + path.replaceAll("/[0-9a-f-]{36}", "/{id}"));
                        } else {
                            count(done, "browser.page");
                        }
                    } catch (RuntimeException e) {
                        count(errors, "browser.navigate: " + kind(e));
                    }
                }
                sleep(Duration.ofSeconds(20));
            }
            contexts.forEach(BrowserContext::close);
        }
    }

    /** VM list, container list, a live VM page, a live container page with its log, the dashboard, tasks. */
    private String livePage(int n, Fixtures.Tenant tenant) {
        switch (n % 6) {
            case 0:
                return "/vms";
            case 1:
                return "/containers";
            case 2:
                return asUser(tenant.member().username(), () -> vms.list()).stream()
                        .filter(v -> v.projectId() == tenant.id()).findFirst()
                        .map(v -> "/vms/" + v.id()).orElse("/vms");
            case 3:
                return asUser(tenant.member().username(), () -> containers.list()).stream()
                        .filter(c -> c.projectId() == tenant.id()).findFirst()
                        .map(c -> "/containers/" + c.id()).orElse("/containers");
            case 4:
                return "/";
            default:
                return "/tasks";
        }
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    private void faults(long deadline) {
        long half = System.nanoTime() + (deadline - System.nanoTime()) / 2;
        boolean libvirtdRestarted = false;
        long nextStall = System.nanoTime() + TimeUnit.MINUTES.toNanos(STALL_EVERY_MINUTES);
        while (System.nanoTime() < deadline) {
            if (!libvirtdRestarted && System.nanoTime() >= half) {
                libvirtdRestarted = true;
                restartLibvirtd();
            }
            if (System.nanoTime() >= nextStall) {
                stallPodman();
                nextStall = System.nanoTime() + TimeUnit.MINUTES.toNanos(STALL_EVERY_MINUTES);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private void stallPodman() {
        long pid;
        try {
            pid = HostDaemons.podmanServicePid();
        } catch (RuntimeException | AssertionError gone) {
            count(errors, "fault: no Podman service to stall");
            return;
        }
        HostDaemons.stop(pid);
        try {
            sleep(STALL);
        } finally {
            HostDaemons.resume(pid);
        }
        count(done, "fault.podman-stalled");
        faultLog.add("Podman stalled " + STALL.toSeconds() + " s at minute " + minuteOfRun());
    }

    /** kill -9 and start again as the host setup does (src/host/daemons.sh), like the fault suite. */
    private void restartLibvirtd() {
        long t0 = System.nanoTime();
        boolean up;
        try {
            HostDaemons.killLibvirtd();
            HostDaemons.startLibvirtd(); // returns once qemu:///system answers
            up = true;
        } catch (RuntimeException e) {
            up = false;
        }
        count(up ? done : errors, up ? "fault.libvirtd-restarted" : "fault: libvirtd did not come back");
        faultLog.add(Bench.line("libvirtd restarted at minute %d (answering again after %.1f s)", minuteOfRun(),
                (System.nanoTime() - t0) / 1e9));
    }

    private final long startedAt = System.nanoTime();

    private long minuteOfRun() {
        return TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startedAt);
    }

    private void probeDatabase(long deadline) {
        while (System.nanoTime() < deadline) {
            probes.incrementAndGet();
            if (!database.current().writable()) {
                unwritableProbes.incrementAndGet();
            }
            sleep(Duration.ofSeconds(5));
        }
    }

    // ---- the checks at the end ---------------------------------------------------------------------------------

    private void cleanUp(Fixtures.Tenant tenant) {
        String member = tenant.member().username();
        for (VmSummary vm : asAdmin(() -> vms.list())) {
            if (vm.projectId() == tenant.id() && vm.state() != VmStatus.DELETED) {
                deleteVm(member, vm.id());
            }
        }
        for (ContainerSummary c : asAdmin(() -> containers.list())) {
            if (c.projectId() == tenant.id() && !c.state().name().equals("DELETED")) {
                deleteContainer(member, c.id());
            }
        }
    }

    private List<String> unfinishedTasks(List<Fixtures.Tenant> tenants) {
        Set<Long> ids = new java.util.HashSet<>();
        tenants.forEach(t -> ids.add(t.id()));
        return asAdmin(() -> tasks.recent(100_000)).stream()
                .filter(t -> t.projectId() != null && ids.contains(t.projectId()) && !t.finished())
                .map(t -> t.action() + " " + t.targetName() + " " + t.state()).toList();
    }

    /** After the clean-up a soak project has nothing live, so its usage must be zero. */
    private List<String> usageMismatches(List<Fixtures.Tenant> tenants) {
        List<String> out = new ArrayList<>();
        for (QuotaOverview o : asAdmin(() -> quotas.overview())) {
            boolean soak = tenants.stream().anyMatch(t -> t.id() == o.project().id());
            if (!soak) {
                continue;
            }
            long liveVms = asAdmin(() -> vms.list()).stream()
                    .filter(v -> v.projectId() == o.project().id() && v.state() != VmStatus.DELETED).count();
            long liveContainers = asAdmin(() -> containers.list()).stream()
                    .filter(c -> c.projectId() == o.project().id() && !c.state().name().equals("DELETED")).count();
            if (o.usage().vms() != liveVms || o.usage().containers() != liveContainers
                    || (liveVms == 0 && (o.usage().vcpus() != 0 || o.usage().memoryMib() != 0))
                    || (liveContainers == 0 && (o.usage().containerCpus() != 0 || o.usage().containerMemoryMib() != 0))) {
                out.add(o.project().name() + ": usage " + o.usage() + ", live " + liveVms + " VMs, " + liveContainers
                        + " containers");
            }
        }
        return out;
    }

    /** Domains, volumes and containers of this soak still on the host after every soak resource was deleted. */
    private static List<String> orphans() {
        List<String> out = new ArrayList<>();
        String marker = "-" + TAG + "-";
        run("virsh", "-c", "qemu:///system", "list", "--all", "--name").lines()
                .filter(n -> n.contains(marker)).forEach(n -> out.add("domain " + n));
        run("virsh", "-c", "qemu:///system", "vol-list", "gureum").lines()
                .filter(n -> n.contains(marker)).forEach(n -> out.add("volume " + n.trim().split("\\s+")[0]));
        run("podman", "ps", "-a", "--format", "{{.Names}}").lines()
                .filter(n -> n.contains(marker)).forEach(n -> out.add("container " + n));
        return out;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(Duration.ofMillis(300));
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private static void count(Map<String, AtomicLong> counter, String key) {
        counter.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** An error's kind: its class and the first words of its message, without ids and numbers. */
    private static String kind(Throwable e) {
        return e.getClass().getSimpleName() + ": " + shorten(e.getMessage());
    }

    private static String shorten(String message) {
        if (message == null) {
            return "(no message)";
        }
        String m = message.lines().findFirst().orElse("")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
                .replaceAll("g-[0-9a-f]{8}-[a-z0-9-]+", "{name}")
                .replaceAll(TAG + "-[0-9]+-[vc][0-9]+", "{name}")
                .replaceAll("[0-9]+", "N");
        return m.length() > 90 ? m.substring(0, 90) + "…" : m;
    }

    private void pause() {
        if (!stopping) {
            sleep(Duration.ofSeconds(2));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Result(int exit, String out) {
        java.util.stream.Stream<String> lines() {
            return out.lines().map(String::strip).filter(l -> !l.isEmpty());
        }
    }

    private static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Counts every log event, at any level, whose message or cause says the database has been closed (H2's 90098). */
    static final class ClosedDatabaseCounter extends AppenderBase<ILoggingEvent> {
        private final AtomicInteger count = new AtomicInteger();

        static ClosedDatabaseCounter attach() {
            ClosedDatabaseCounter counter = new ClosedDatabaseCounter();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            counter.setContext(root.getLoggerContext());
            counter.start();
            root.addAppender(counter);
            return counter;
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            stop();
        }

        int count() {
            return count.get();
        }

        @Override
        protected void append(ILoggingEvent event) {
            boolean closed = String.valueOf(event.getFormattedMessage()).contains("database has been closed");
            for (IThrowableProxy t = event.getThrowableProxy(); t != null && !closed; t = t.getCause()) {
                closed = String.valueOf(t.getMessage()).contains("database has been closed");
            }
            if (closed) {
                count.incrementAndGet();
            }
        }
    }
}
