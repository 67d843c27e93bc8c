package io.gureum.console.bench;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerStatus;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskStepView;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.bench.RawDockerCreateStart;
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
 * Benchmark 2: container provisioning overhead. The console's create-and-start through {@link ContainerService}
 * as a project member (validation, image check, quota transaction, task, create, start, inspect) until the
 * console has recorded the container RUNNING (its container.create outcome event), against raw docker-java
 * create + start of the same container on the same engine, interleaved round by round.
 */
@ConsoleTest
@Timeout(value = 60, unit = TimeUnit.MINUTES) // the driver test-jar brings a 90 s default
class ContainerProvisioningBenchmark {

    static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String COMMAND = "trap 'exit 0' TERM; sleep 600 & wait";
    static final double CPUS = 0.5;
    static final long MEMORY_MIB = 64;

    @Autowired ContainerService containers;
    @Autowired HostService hosts;
    @Autowired QuotaService quotas;
    @Autowired TaskService tasks;
    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;

    @Test
    void consoleAgainstRawDockerJava() {
        HostSummary host = asAdmin(() -> hosts.forPlacement()).stream()
                .filter(h -> h.acceptsPlacements() && h.engineProduct() != null).findFirst().orElse(null);
        if (host == null) {
            Requires.missing("no host with an answering container engine (run src/host/setup.sh --for-tests)");
            return;
        }
        Fixtures.Tenant tenant = fixtures.tenant("bct");
        String member = tenant.member().username();
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(0, 0, 0, 0, 1000, 1000, 1_000_000)));
        String loadBefore = Outcomes.loadAverage();
        List<Long> console = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        try (Outcomes outcomes = new Outcomes(context);
             RawDockerCreateStart docker = new RawDockerCreateStart(host.containerEndpoint())) {
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                boolean keep = i >= WARMUP;
                if (i % 2 == 0) {
                    consoleRound(outcomes, tenant, member, keep ? console : null, accepted, steps);
                    rawRound(docker, keep ? raw : null);
                } else {
                    rawRound(docker, keep ? raw : null);
                    consoleRound(outcomes, tenant, member, keep ? console : null, accepted, steps);
                }
            }
        }
        double c = Bench.medianMs(console);
        double r = Bench.medianMs(raw);
        List<String> lines = new ArrayList<>();
        lines.add(Bench.line("Engine: %s %s at %s. Container: %s, %.1f CPU, %d MiB, `sh -c \"%s\"`.",
                host.engineProduct(), host.engineVersion(), host.containerEndpoint(), ContainerService.DEFAULT_IMAGE,
                CPUS, MEMORY_MIB, COMMAND));
        lines.add(Bench.line("Median of %d interleaved rounds each, after %d warm-up rounds; 1-minute load average "
                + "%s before, %s after (2 CPUs, shared).", ROUNDS, WARMUP, loadBefore, Outcomes.loadAverage()));
        lines.add("");
        lines.add("| path | median ms | p95 ms |");
        lines.add("|---|---:|---:|");
        lines.add(Bench.line("| console ContainerService.create -> container recorded RUNNING | %.1f | %.1f |", c,
                Bench.percentileMs(console, 95)));
        lines.add(Bench.line("| raw docker-java create + start | %.1f | %.1f |", r, Bench.percentileMs(raw, 95)));
        lines.add("");
        lines.add(Bench.line("**ratio console/raw = %.3f** (target <= 1.15)", c / r));
        lines.add("");
        lines.add(Bench.line("Console breakdown (medians): create() returns after %.1f ms (validation, image "
                + "check, quota transaction, task row);", Bench.medianMs(accepted)));
        steps.forEach((step, nanos) -> lines.add(Bench.line("- %s: %.1f ms", step, Bench.medianMs(nanos))));
        lines.add("");
        lines.add("console all: " + Bench.allMs(console));
        lines.add("raw all:     " + Bench.allMs(raw));
        Bench.report("Container provisioning", lines.toArray(String[]::new));
    }

    private void consoleRound(Outcomes outcomes, Fixtures.Tenant tenant, String member, List<Long> samples,
                              List<Long> accepted, Map<String, List<Long>> steps) {
        String name = unique("bct");
        long t0 = System.nanoTime();
        ContainerOperation op = asUser(member, () -> containers.create(new NewContainer(name, tenant.id(),
                ContainerService.DEFAULT_IMAGE, COMMAND, Map.of(), CPUS, MEMORY_MIB, "no", null)));
        long returned = System.nanoTime();
        Outcomes.Outcome outcome = outcomes.await(op.container().id(), TIMEOUT);
        try {
            assertTrue(outcome.ok(), "console create failed: " + outcome.detail());
            assertEquals(ContainerStatus.RUNNING, asUser(member, () -> containers.get(op.container().id())).state());
            if (samples != null) {
                samples.add(outcome.atNanos() - t0);
                accepted.add(returned - t0);
                for (TaskStepView step : asUser(member, () -> tasks.steps(op.taskId()))) {
                    if (step.startedAt() != null && step.finishedAt() != null) {
                        String key = step.description().replaceAll(" on host .*", "");
                        steps.computeIfAbsent("task step '" + key + "'", k -> new ArrayList<>())
                                .add(Duration.between(step.startedAt(), step.finishedAt()).toNanos());
                    }
                }
            }
        } finally {
            ContainerOperation deleting = asUser(member, () -> containers.delete(op.container().id()));
            asUser(member, () -> tasks.await(deleting.taskId(), TIMEOUT));
        }
    }

    private static void rawRound(RawDockerCreateStart docker, List<Long> samples) {
        String name = unique("bct-raw");
        try {
            long elapsed = docker.createAndStart(name, ContainerService.DEFAULT_IMAGE, List.of("sh", "-c", COMMAND),
                    CPUS, MEMORY_MIB, Map.of("io.gureum.managed", "true", "io.gureum.resource-id", name,
                            "io.gureum.project-id", "bench"));
            assertTrue(docker.running(name), "raw container running");
            if (samples != null) {
                samples.add(elapsed);
            }
        } finally {
            docker.remove(name);
        }
    }
}
