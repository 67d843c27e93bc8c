package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.QuotaRecount;
import io.gureum.console.task.TaskRequest;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HostDaemons;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineException;
import io.gureum.container.GureumLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A fault tried for real: the Podman API service stopped with {@code kill -STOP}, so that it accepts
 * connections and never answers, while a container is created and another one's logs are followed; then
 * {@code kill -CONT}. Deadlines fire, the engine shows unavailable, nothing else breaks, and everything resumes.
 */
@ConsoleTest
@Tag("fault")
class PodmanStalledFaultTest {

    static final String TICK = "while true; do echo tick; sleep 0.3; done";

    @Autowired
    ContainerService containers;

    @Autowired
    ContainerStateSync stateSync;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContainerRepository repository;

    @Autowired
    QuotaRecount recount;

    @Test
    void a_stalled_podman_fails_calls_by_their_deadline_breaks_nothing_else_and_everything_resumes_after_it()
            throws Exception {
        HostSummary local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        long podman = HostDaemons.podmanServicePid();
        Fixtures.Tenant tenant = fixtures.tenant("fault-podman");
        String member = tenant.member().username();
        List<UUID> made = new ArrayList<>();
        ContainerOperation ticker = asUser(member, () -> containers.create(ticking(tenant, "ticker")));
        made.add(ticker.container().id());
        UUID tickerId = ticker.container().id();
        AutoCloseable following = null;
        try {
            assertThat(await(ticker.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
            BlockingQueue<ContainerLogLine> lines = new LinkedBlockingQueue<>();
            following = asUser(member, () -> containers.followLogs(tickerId, 0, lines::add));
            assertThat(lines.poll(15, TimeUnit.SECONDS)).as("a first log line").isNotNull();

            ContainerOperation stalled;
            java.util.concurrent.CompletableFuture<HostSummary> whileStalled;
            RuntimeException openWhileStalled = null;
            long openMillis;
            try {
                HostDaemons.stop(podman);
                long stoppedAt = System.nanoTime();
                stalled = asUser(member, () -> containers.create(ticking(tenant, "stalled")));
                made.add(stalled.container().id());
                // Meanwhile the host monitor asks the engine (another thread), and someone opens the log page:
                // both calls fail by their deadline instead of hanging.
                whileStalled = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> asAdmin(() -> hosts.refresh(local.id())));
                long t0 = System.nanoTime();
                try {
                    asUser(member, () -> containers.followLogs(tickerId, 0, line -> { })).close();
                } catch (RuntimeException e) {
                    openWhileStalled = e;
                }
                openMillis = (System.nanoTime() - t0) / 1_000_000;
                whileStalled.get(60, TimeUnit.SECONDS);
                // Long enough for the create's own deadline (15 s in the test profile) to have fired too.
                long left = Duration.ofSeconds(17).toNanos() - (System.nanoTime() - stoppedAt);
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
            } finally {
                HostDaemons.resume(podman);
            }
            assertThat(openWhileStalled).as("following logs of a stalled engine").isInstanceOf(EngineException.class);
            assertThat(openWhileStalled.getMessage()).contains("no answer within");
            assertThat(openMillis).isLessThan(30_000);
            assertThat(whileStalled.get().engineProduct()).isNull();
            assertThat(whileStalled.get().engineText()).startsWith("unreachable").doesNotContain("Exception");
            TaskSummary createTask = asAdmin(() -> tasks.await(stalled.taskId(), Duration.ofSeconds(60)));
            assertThat(createTask.finished()).as("create task finished").isTrue();
            if (createTask.state() == TaskState.FAILED) {
                assertThat(createTask.message()).contains("no answer within").doesNotContain("Exception");
            }

            // Everything resumes: the stream that was open goes on, the engine answers, states are true again.
            lines.clear();
            assertThat(lines.poll(20, TimeUnit.SECONDS)).as("a log line after kill -CONT").isNotNull();
            HostSummary back = asAdmin(() -> hosts.refresh(local.id()));
            assertThat(back.engineProduct()).as(back.engineText()).isNotNull();
            assertThat(awaitState(tickerId, ContainerStatus.RUNNING)).isEqualTo(ContainerStatus.RUNNING);

            ManagedContainer stalledRow = repository.findById(stalled.container().id()).orElseThrow();
            if (createTask.state() == TaskState.FAILED) {
                assertThat(stalledRow.state()).isEqualTo(ContainerStatus.ERROR);
                awaitNothingOnEngine(local.id(), stalledRow);
            } else {
                assertThat(awaitState(stalledRow.id(), ContainerStatus.RUNNING)).isEqualTo(ContainerStatus.RUNNING);
            }
            for (UUID id : made) {
                assertThat(asAdmin(() -> tasks.forTarget("container", id.toString()))).allMatch(TaskSummary::finished);
            }

            // No interrupt outlived its call: every task thread and this one still write to the database.
            assertThat(fixtures.user("after-podman")).isNotNull();
            AtomicBoolean sawInterrupt = new AtomicBoolean();
            List<UUID> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                writes.add(asAdmin(() -> tasks.submit(new TaskRequest("fault.check", "project",
                        Long.toString(tenant.id()), "database write", tenant.id()), context -> {
                            if (Thread.currentThread().isInterrupted()) {
                                sawInterrupt.set(true);
                            }
                            asAdmin(() -> fixtures.user("pool"));
                        })).id());
            }
            for (UUID write : writes) {
                TaskSummary done = await(write);
                assertThat(done.state()).as(done.message()).isEqualTo(TaskState.SUCCEEDED);
            }
            assertThat(sawInterrupt).as("a task thread started with an interrupt pending").isFalse();

            recount.recount();
            assertThat(recount.recount()).noneMatch(d -> d.projectId() == tenant.id());
        } finally {
            if (following != null) {
                following.close();
            }
            ContainerEngine engine = hosts.engineOf(local.id());
            for (UUID id : made) {
                repository.findById(id).ifPresent(c -> {
                    for (String ref : new String[] {c.engineId(), c.engineName()}) {
                        if (ref != null) {
                            ContainerService.removeQuietly(engine, ref);
                        }
                    }
                });
            }
        }
    }

    private static NewContainer ticking(Fixtures.Tenant tenant, String name) {
        return new NewContainer(name, tenant.id(), null, TICK, Map.of(), 0.5, 64, "no", null);
    }

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, Duration.ofSeconds(60)));
    }

    private ContainerStatus awaitState(UUID id, ContainerStatus wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        ContainerStatus state = null;
        while (System.nanoTime() < deadline) {
            state = repository.findById(id).orElseThrow().state();
            if (state == wanted) {
                return state;
            }
            sleep(250);
        }
        return state;
    }

    /** The engine holds no container of this failed create (the resync sweeps one the engine finished late). */
    private void awaitNothingOnEngine(UUID hostId, ManagedContainer failed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (true) {
            stateSync.resyncHost(hostId); // what the periodic resync does every 30 s
            boolean there = hosts.engineOf(hostId).list().stream().anyMatch(c -> c.labels() != null
                    && failed.id().toString().equals(c.labels().get(GureumLabels.RESOURCE_ID)));
            if (!there) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("container of the failed create " + failed.engineName()
                        + " still on the engine after 40 s");
            }
            sleep(1000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
