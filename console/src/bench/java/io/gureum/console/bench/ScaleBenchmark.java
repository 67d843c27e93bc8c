package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.dashboard.DashboardService;
import io.gureum.console.host.HostService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.vm.VmBenchAccess;
import io.gureum.console.vm.VmFilter;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import io.gureum.hypervisor.bench.RawDomainListing;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Scale: {@link ManyVms} (10,000 VMs over 20 test-driver hosts, all in the database). Server time of what the VM
 * grid's lazy data provider calls (first page of 50 + count), for an administrator (every VM) and for a project
 * member (a quarter), unfiltered and filtered; the dashboard's service calls; and the periodic resync of the host
 * with 1,000 domains against raw libvirt-java doing the same bulk listing in the same run.
 */
@ConsoleTest
@Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleBenchmark {

    static final int WARMUP = 10;
    static final int SAMPLES = 30;
    static final int PAGE = 50; // Vaadin Grid's default page size

    @Autowired
    ApplicationContext context;
    @Autowired
    VmService vms;
    @Autowired
    DashboardService dashboard;
    @Autowired
    HostService hosts;

    ManyVms.World world;

    @BeforeAll
    void load() {
        world = ManyVms.ensureLoaded(context);
    }

    @AfterAll
    void unload() {
        ManyVms.unload(context);
    }

    @Test
    void scale() {
        UUID someHost = world.hostNames().keySet().stream().skip(3).findFirst().orElseThrow();
        VmFilter filtered = new VmFilter(null, VmStatus.RUNNING, someHost, "web-0");
        VmFilter memberFiltered = new VmFilter(null, VmStatus.RUNNING, someHost, "web-0");

        // Correctness first: the grid sees what was loaded.
        assertTrue(asAdmin(() -> vms.count(VmFilter.ANY)) >= world.vms());
        assertEquals(world.memberVisibleVms(), (int) asUser(world.memberUsername(), () -> vms.count(VmFilter.ANY)));
        List<VmSummary> adminFiltered = asAdmin(() -> vms.page(filtered, 0, PAGE));
        assertFalse(adminFiltered.isEmpty());
        assertTrue(adminFiltered.stream().allMatch(vm -> vm.state() == VmStatus.RUNNING
                && vm.hostId().equals(someHost) && vm.name().contains("web-0") && vm.hostName() != null));

        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("World: %d VMs (%d running) over %d test-driver hosts, %d projects; member sees %d. "
                        + "Median / p95 of %d after %d warm-up calls, server time (service calls, no browser).",
                world.vms(), world.running(), world.hostNames().size(), world.projectIds().size(),
                world.memberVisibleVms(), SAMPLES, WARMUP));
        lines.add("");
        lines.add("| measure | median ms | p95 ms | target |");
        lines.add("|---|---:|---:|---|");
        row(lines, "VM grid first page + count, admin (10,000 visible)", "< 200 ms",
                () -> asAdmin(() -> gridPage(VmFilter.ANY)));
        row(lines, "VM grid first page + count, member (2,500 visible)", "< 200 ms",
                () -> asUser(world.memberUsername(), () -> gridPage(VmFilter.ANY)));
        row(lines, "VM grid filtered page (running, host, name contains 'web-0'), admin", "< 200 ms",
                () -> asAdmin(() -> gridPage(filtered)));
        row(lines, "VM grid filtered page (same filter), member", "< 200 ms",
                () -> asUser(world.memberUsername(), () -> gridPage(memberFiltered)));
        row(lines, "VM grid page 100 (offset 5,000) + count, admin", "< 200 ms",
                () -> asAdmin(() -> vms.page(VmFilter.ANY, 5000, PAGE).size() + vms.count(VmFilter.ANY)));
        row(lines, "Dashboard, admin (all its service calls)", "< 300 ms", () -> asAdmin(this::dashboardCalls));
        row(lines, "Dashboard, member", "< 300 ms", () -> asUser(world.memberUsername(), this::dashboardCalls));

        // Where the admin dashboard's time goes, call by call.
        row(lines, "  dashboard part: myProjects (quota overview), admin", "", () -> asAdmin(() ->
                dashboard.myProjects().size()));
        row(lines, "  dashboard part: vmsByState, admin", "", () -> asAdmin(() -> dashboard.vmsByState().size()));
        row(lines, "  dashboard part: cloudCapacity + hostCapacity, admin", "", () -> asAdmin(() ->
                dashboard.cloudCapacity().toString().length() + dashboard.hostCapacity().size()));
        row(lines, "  dashboard part: projectsNearOrOverQuota, admin", "", () -> asAdmin(() ->
                dashboard.projectsNearOrOverQuota().size()));

        // Resync of the host with 1,000 domains vs raw libvirt-java on its own connection to the same node file.
        UUID big = world.bigHostId();
        List<Long> resync = new ArrayList<>();
        List<Long> rawInfo = new ArrayList<>();
        List<Long> rawXml = new ArrayList<>();
        try (RawDomainListing raw = RawDomainListing.open(world.uriOf(big))) {
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                long t0 = System.nanoTime();
                VmBenchAccess.resyncHost(context, big);
                long t1 = System.nanoTime();
                int runningInfo = raw.listWithInfo();
                long t2 = System.nanoTime();
                int runningXml = raw.listWithXml();
                long t3 = System.nanoTime();
                assertEquals(runningInfo, runningXml);
                assertEquals(ManyVms.BIG_HOST_DOMAINS * 4 / 5, runningInfo);
                if (i >= WARMUP) {
                    resync.add(t1 - t0);
                    rawInfo.add(t2 - t1);
                    rawXml.add(t3 - t2);
                }
            }
        }
        // The resync changed nothing: the rows still match the domains.
        assertEquals(ManyVms.BIG_HOST_DOMAINS * 4 / 5, (int) asAdmin(() ->
                vms.count(new VmFilter(null, VmStatus.RUNNING, big, null))));
        lines.add(Bench.line("| Resync of the host with %d domains (VmStateSync, one bulk listing) | %.1f | %.1f | < 1 s |",
                ManyVms.BIG_HOST_DOMAINS, Bench.medianMs(resync), Bench.percentileMs(resync, 95)));
        lines.add(Bench.line("| raw libvirt-java: listAllDomains + UUID, name, info per domain | %.1f | %.1f | |",
                Bench.medianMs(rawInfo), Bench.percentileMs(rawInfo, 95)));
        lines.add(Bench.line("| raw libvirt-java: the same + XML description per domain | %.1f | %.1f | |",
                Bench.medianMs(rawXml), Bench.percentileMs(rawXml, 95)));

        List<Long> driverListing = timed(3, SAMPLES, () -> hosts.hypervisorOf(big).listAll().size());
        lines.add(Bench.line("| driver listAll (Hypervisor SPI) of the same host | %.1f | %.1f | |",
                Bench.medianMs(driverListing), Bench.percentileMs(driverListing, 95)));

        // Background passes at this scale (not targets: how much of a core they take every interval).
        List<Long> monitor = timed(3, 10, () -> asAdmin(() -> hosts.refresh(big)));
        List<Long> resyncAll = timed(1, 5, () -> VmBenchAccess.resyncAll(context));
        List<Long> drift = timed(1, 5, () -> VmBenchAccess.vmDrift(context));
        List<Long> unmanaged = timed(1, 5, () -> asAdmin(() -> vms.unmanaged().size()));
        lines.add(Bench.line("| Host monitor observation of the 1,000-domain host | %.1f | %.1f | |",
                Bench.medianMs(monitor), Bench.percentileMs(monitor, 95)));
        lines.add(Bench.line("| Periodic resync of all 20 hosts (10,000 domains) | %.1f | %.1f | |",
                Bench.medianMs(resyncAll), Bench.percentileMs(resyncAll, 95)));
        lines.add(Bench.line("| VM quota recount (drift) over all 20 hosts | %.1f | %.1f | |",
                Bench.medianMs(drift), Bench.percentileMs(drift, 95)));
        lines.add(Bench.line("| Unmanaged-domain scan (VM page, admin) over all 20 hosts | %.1f | %.1f | |",
                Bench.medianMs(unmanaged), Bench.percentileMs(unmanaged, 95)));
        lines.add("");
        lines.add(Bench.line("Resync ratio console / raw (info only): %.2f; console / raw (info + XML): %.2f.",
                Bench.medianMs(resync) / Bench.medianMs(rawInfo), Bench.medianMs(resync) / Bench.medianMs(rawXml)));
        Bench.report("Scale: 10,000 VMs over 20 hosts", lines.toArray(String[]::new));
    }

    private int gridPage(VmFilter filter) {
        List<VmSummary> page = vms.page(filter, 0, PAGE);
        int count = vms.count(filter);
        if (page.isEmpty() || count == 0) {
            throw new AssertionError("empty grid page for " + filter);
        }
        return page.size() + count;
    }

    private int dashboardCalls() {
        int n = dashboard.myProjects().size() + dashboard.vmsByState().size();
        if (dashboard.callerIsAdmin()) {
            n += dashboard.cloudCapacity().toString().length() + dashboard.hostCapacity().size()
                    + dashboard.projectsNearOrOverQuota().size() + dashboard.quotaDrift().size();
        }
        return n;
    }

    private void row(List<String> lines, String label, String target, Supplier<Integer> call) {
        List<Long> samples = timed(WARMUP, SAMPLES, call::get);
        lines.add(Bench.line("| %s | %.1f | %.1f | %s |", label, Bench.medianMs(samples),
                Bench.percentileMs(samples, 95), target));
    }

    private static List<Long> timed(int warmup, int samples, Runnable call) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < warmup + samples; i++) {
            long t0 = System.nanoTime();
            call.run();
            long elapsed = System.nanoTime() - t0;
            if (i >= warmup) {
                out.add(elapsed);
            }
        }
        return out;
    }
}
