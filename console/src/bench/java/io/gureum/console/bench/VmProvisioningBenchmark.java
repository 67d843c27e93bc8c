package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskStepView;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import io.gureum.hypervisor.bench.RawLibvirtProvisioning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark 1: VM provisioning overhead. The console's "create and start" through {@link VmService} as a
 * project member (quota transaction, placement, task, copy-on-write overlay, define, start) until the console
 * has recorded the VM RUNNING (its vm.create outcome event), against raw libvirt-java doing overlay + define +
 * start until the STARTED lifecycle event, on the same host, interleaved round by round.
 */
@ConsoleTest
@Timeout(value = 60, unit = TimeUnit.MINUTES) // the driver test-jar brings a 90 s default
class VmProvisioningBenchmark {

    static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int VCPUS = 1;
    static final long MEMORY_MIB = 128;

    @Autowired VmService vms;
    @Autowired HostService hosts;
    @Autowired ImageCatalog images;
    @Autowired QuotaService quotas;
    @Autowired TaskService tasks;
    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;

    @Test
    void onTheTestDriver() {
        try (SimulatedHost host = SimulatedHost.only(hosts, images)) {
            compare("test driver (test:///default)", host.summary(), true);
        }
    }

    @Test
    void onQemu() {
        HostSummary local = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> !h.simulated() && h.acceptsPlacements() && h.libvirtUri().startsWith("qemu:"))
                .findFirst().orElse(null);
        if (local == null) {
            Requires.missing("no local QEMU host answers (run src/host/setup.sh --for-tests)");
            return;
        }
        compare("QEMU (" + local.libvirtUri() + ", domain type " + local.domainType() + ")", local, false);
    }

    private void compare(String label, HostSummary host, boolean simulated) {
        BootImage image = images.find(ImageCatalog.TINY_LINUX).orElseThrow();
        Fixtures.Tenant tenant = fixtures.tenant("bvm");
        String member = tenant.member().username();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1000, 1_000_000, 100_000, 1000, 0, 0, 0)));
        RawLibvirtProvisioning.Guest guest = new RawLibvirtProvisioning.Guest(simulated ? "default-pool" : "gureum",
                "base-" + image.id() + "." + image.format().id(), image.kernel().toString(), image.initrd().toString(),
                image.cmdline(), VCPUS, MEMORY_MIB, host.domainType().equals("KVM") ? "kvm" : "qemu", "default",
                !simulated, Path.of("/var/log/libvirt/qemu"));
        String loadBefore = Outcomes.loadAverage();
        List<Long> console = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        try (Outcomes outcomes = new Outcomes(context);
             RawLibvirtProvisioning libvirt = new RawLibvirtProvisioning(host.libvirtUri())) {
            // The console imports the base image on its first VM on a host; that one is a warm-up round.
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                boolean keep = i >= WARMUP;
                if (i % 2 == 0) {
                    consoleRound(outcomes, host, tenant, member, image, keep ? console : null, keep ? accepted : null,
                            keep ? steps : null);
                    rawRound(libvirt, guest, keep ? raw : null);
                } else {
                    rawRound(libvirt, guest, keep ? raw : null);
                    consoleRound(outcomes, host, tenant, member, image, keep ? console : null, keep ? accepted : null,
                            keep ? steps : null);
                }
            }
        }
        double c = Bench.medianMs(console);
        double r = Bench.medianMs(raw);
        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("Host: %s. Guest: %d vCPU, %d MiB, image %s (direct kernel boot, qcow2 overlay).",
                label, VCPUS, MEMORY_MIB, image.id()));
        lines.add(Bench.line("Median of %d interleaved rounds each, after %d warm-up rounds; 1-minute load average "
                + "%s before, %s after (2 CPUs, shared).", ROUNDS, WARMUP, loadBefore, Outcomes.loadAverage()));
        lines.add("");
        lines.add("| path | median ms | p95 ms |");
        lines.add("|---|---:|---:|");
        lines.add(Bench.line("| console VmService.create -> VM recorded RUNNING | %.1f | %.1f |", c,
                Bench.percentileMs(console, 95)));
        lines.add(Bench.line("| raw libvirt-java overlay + define + start -> STARTED event | %.1f | %.1f |", r,
                Bench.percentileMs(raw, 95)));
        lines.add("");
        lines.add(Bench.line("**ratio console/raw = %.3f** (target <= 1.15)", c / r));
        lines.add("");
        lines.add(Bench.line("Console breakdown (medians): create() returns after %.1f ms (validation, quota "
                + "transaction, task row);", Bench.medianMs(accepted)));
        steps.forEach((step, nanos) -> lines.add(Bench.line("- %s: %.1f ms", step, Bench.medianMs(nanos))));
        lines.add("");
        lines.add("console all: " + Bench.allMs(console));
        lines.add("raw all:     " + Bench.allMs(raw));
        Bench.report("VM provisioning: " + label, lines.toArray(String[]::new));
    }

    private void consoleRound(Outcomes outcomes, HostSummary host, Fixtures.Tenant tenant, String member,
                              BootImage image, List<Long> samples, List<Long> accepted, Map<String, List<Long>> steps) {
        String name = unique("bvm");
        long t0 = System.nanoTime();
        VmOperation op = asUser(member, () -> vms.create(new NewVm(name, tenant.id(), image.id(), VCPUS, MEMORY_MIB,
                null)));
        long returned = System.nanoTime();
        Outcomes.Outcome outcome = outcomes.await(op.vm().id(), TIMEOUT);
        long elapsed = outcome.atNanos() - t0;
        try {
            assertTrue(outcome.ok(), "console create failed: " + outcome.detail());
            VmSummary vm = asUser(member, () -> vms.get(op.vm().id()));
            assertEquals(VmStatus.RUNNING, vm.state(), "state after create");
            assertEquals(host.id(), vm.hostId(), "placed on the benchmark host");
            if (samples != null) {
                samples.add(elapsed);
                accepted.add(returned - t0);
                List<TaskStepView> taskSteps = asUser(member, () -> tasks.steps(op.taskId()));
                for (TaskStepView step : taskSteps) {
                    if (step.startedAt() != null && step.finishedAt() != null) {
                        String key = step.description().replaceAll(" '.*", "").replaceAll(" on host .*", "")
                                .replaceAll(" from host .*", "");
                        steps.computeIfAbsent("task step '" + key + "'", k -> new ArrayList<>())
                                .add(Duration.between(step.startedAt(), step.finishedAt()).toNanos());
                    }
                }
            }
        } finally {
            VmOperation deleting = asUser(member, () -> vms.delete(op.vm().id()));
            asUser(member, () -> tasks.await(deleting.taskId(), TIMEOUT));
        }
    }

    private static void rawRound(RawLibvirtProvisioning libvirt, RawLibvirtProvisioning.Guest guest,
                                 List<Long> samples) {
        String name = unique("bvm-raw");
        try {
            long elapsed = libvirt.createAndStart(name, guest);
            if (samples != null) {
                samples.add(elapsed);
            }
        } finally {
            libvirt.remove(name, guest);
        }
    }
}
