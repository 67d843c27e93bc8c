package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark 3: 20 simultaneous VM creates (create-and-start) on one host, from 20 threads as members of one
 * project: (a) with room in the quota, all succeed (throughput, latency to RUNNING); (b) with a quota of 10 VMs,
 * exactly 10 succeed, 10 are refused with the quota message, and usage equals the live VMs afterwards.
 */
@ConsoleTest
@Timeout(value = 60, unit = TimeUnit.MINUTES) // the driver test-jar brings a 90 s default
class ConcurrentCreateBenchmark {

    static final int CLIENTS = 20;
    static final int VCPUS = 1;
    static final long MEMORY_MIB = 96;
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Autowired VmService vms;
    @Autowired HostService hosts;
    @Autowired ImageCatalog images;
    @Autowired QuotaService quotas;
    @Autowired TaskService tasks;
    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;

    /** One client's request: accepted (with its VM) or refused (with the message), and its latency. */
    record Result(UUID vm, UUID task, String refusal, boolean ok, String failure, long nanos, long endNanos) {
        /** Accepted, but no host had room for it (placement refuses beyond the host's vCPU overcommit). */
        boolean noCapacity() {
            return !ok && failure != null && failure.startsWith("No host can take this VM");
        }
    }

    @Test
    void onTheTestDriver() throws Exception {
        try (SimulatedHost host = SimulatedHost.only(hosts, images)) {
            both("test driver (test:///default)", host.summary());
        }
    }

    @Test
    void onQemu() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.concurrentQemu", "true"))) {
            return;
        }
        HostSummary local = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> !h.simulated() && h.acceptsPlacements() && h.libvirtUri().startsWith("qemu:"))
                .findFirst().orElse(null);
        if (local == null) {
            Requires.missing("no local QEMU host answers (run src/host/setup.sh --for-tests)");
            return;
        }
        both("QEMU (" + local.libvirtUri() + ", domain type " + local.domainType() + ")", local);
    }

    private void both(String label, HostSummary host) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("Host: %s. %d clients at once, each a project member creating a %d vCPU / %d MiB "
                + "tiny-linux VM and waiting until the console records it RUNNING.", label, CLIENTS, VCPUS, MEMORY_MIB));
        HostSummary now = hosts.describe(host.id()).orElse(host);
        lines.add(Bench.line("Before the runs the host reported %d CPUs, %d vCPUs allocated to %d domains (%d running) "
                + "by others.", now.cpus(), now.allocatedVcpus(), now.domainsTotal(), now.domainsRunning()));
        lines.add("");
        run(host, 1000, lines);
        run(host, 10, lines);
        Bench.report("Concurrency: " + label, lines.toArray(String[]::new));
    }

    private void run(HostSummary host, int vmQuota, List<String> lines) throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant("bcc");
        String member = tenant.member().username();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1_000_000, 100_000, vmQuota, 0, 0, 0)));
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        String loadBefore = Outcomes.loadAverage();
        long t0;
        long wall;
        try (Outcomes outcomes = new Outcomes(context)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS,
                    Thread.ofPlatform().name("bench-client-", 1).factory());
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    return client(outcomes, tenant, member);
                }));
            }
            ready.await();
            t0 = System.nanoTime();
            go.countDown();
            for (Future<Result> f : futures) {
                results.add(f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            wall = results.stream().filter(Result::ok).mapToLong(Result::endNanos).max().orElse(t0) - t0;
            clients.shutdown();
        }
        try {
            List<Result> ok = results.stream().filter(Result::ok).toList();
            List<Result> refused = results.stream().filter(r -> r.refusal() != null).toList();
            List<Result> noRoom = results.stream().filter(Result::noCapacity).toList();
            List<VmSummary> live = asUser(member, () -> vms.list()).stream()
                    .filter(v -> v.projectId() == tenant.id() && v.state().countsAgainstQuota()).toList();
            int usedVms = asUser(member, () -> quotas.usage(tenant.id())).vms();
            int accepted = Math.min(CLIENTS, vmQuota);
            assertEquals(CLIENTS - accepted, refused.size(), "creates refused by the quota: " + results);
            refused.forEach(r -> assertTrue(r.refusal().contains("quota would be exceeded"), r.refusal()));
            assertEquals(accepted, ok.size() + noRoom.size(),
                    "accepted creates either RUNNING or refused by placement for lack of room: " + results);
            if (host.simulated()) {
                assertEquals(accepted, ok.size(), "the test driver has room for all: " + results);
            }
            assertEquals(ok.size(), live.size(), "VMs the project has (those refused by placement end in ERROR)");
            assertTrue(live.stream().allMatch(v -> v.state() == VmStatus.RUNNING && v.hostId().equals(host.id())),
                    "all RUNNING on the host: " + live);
            assertEquals(live.size(), usedVms, "quota usage equals the live VMs (no overshoot)");
            List<Long> latencies = ok.stream().map(Result::nanos).toList();
            List<Long> refusals = refused.stream().map(Result::nanos).toList();
            lines.add(Bench.line("Quota of %d VMs: %d of %d succeeded, %d refused by the quota, %d accepted but refused "
                    + "by placement (no room on the host); usage afterwards %d VMs = %d live VMs, all RUNNING.",
                    vmQuota, ok.size(), CLIENTS, refused.size(), noRoom.size(), usedVms, live.size()));
            if (!noRoom.isEmpty()) {
                lines.add("- placement said: " + noRoom.getFirst().failure());
            }
            lines.add(Bench.line("- 1-minute load average %s before, %s after", loadBefore, Outcomes.loadAverage()));
            if (ok.isEmpty()) {
                lines.add("- no create succeeded: no throughput or latency to report");
            } else {
                lines.add(Bench.line("- throughput %.1f VMs/s (%d VMs RUNNING %.0f ms after the start signal)",
                        ok.size() / (wall / 1e9), ok.size(), wall / 1e6));
                lines.add(Bench.line("- latency to RUNNING: p50 %.0f ms, p95 %.0f ms, max %.0f ms",
                        Bench.percentileMs(latencies, 50), Bench.percentileMs(latencies, 95),
                        Bench.percentileMs(latencies, 100)));
            }
            if (!refusals.isEmpty()) {
                lines.add(Bench.line("- refusals answered in: p50 %.0f ms, p95 %.0f ms",
                        Bench.percentileMs(refusals, 50), Bench.percentileMs(refusals, 95)));
            }
            if (!latencies.isEmpty()) {
                lines.add("- all latencies (ms): " + Bench.allMs(latencies));
            }
            lines.add("");
        } finally {
            List<UUID> deleting = new ArrayList<>();
            for (Result r : results) {
                if (r.vm() != null) {
                    try {
                        deleting.add(asUser(member, () -> vms.delete(r.vm())).taskId());
                    } catch (RuntimeException e) {
                        lines.add("cleanup of " + r.vm() + " failed: " + e.getMessage());
                    }
                }
            }
            for (UUID task : deleting) {
                asUser(member, () -> tasks.await(task, TIMEOUT));
            }
        }
    }

    private Result client(Outcomes outcomes, Fixtures.Tenant tenant, String member) {
        String name = unique("bcc");
        long t0 = System.nanoTime();
        VmOperation op;
        try {
            op = asUser(member, () -> vms.create(new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, VCPUS,
                    MEMORY_MIB, null)));
        } catch (QuotaExceededException e) {
            long t = System.nanoTime();
            return new Result(null, null, e.getMessage(), false, null, t - t0, t);
        }
        Outcomes.Outcome outcome = outcomes.await(op.vm().id(), TIMEOUT);
        return new Result(op.vm().id(), op.taskId(), null, outcome.ok(), outcome.ok() ? null : outcome.detail(),
                outcome.atNanos() - t0, outcome.atNanos());
    }
}
