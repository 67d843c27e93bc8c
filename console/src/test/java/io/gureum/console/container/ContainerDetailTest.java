package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Environment, health checks, stats and followed logs of containers, on the local host's real Podman. */
@ConsoleTest
class ContainerDetailTest {

    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);
    static final String GREET_AND_TICK = "echo \"greeting: $GREETING\"; while true; do echo tick; sleep 1; done";

    @Autowired
    ContainerService containers;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContainerRepository repository;

    HostSummary local;
    Fixtures.Tenant tenant;
    final List<UUID> made = new ArrayList<>();

    @BeforeEach
    void localPodman() {
        local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        tenant = fixtures.tenant("cd");
    }

    @AfterEach
    void removeWhatWasMade() {
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

    private UUID running(String name, NewHealthCheck check) {
        ContainerOperation op = asUser(tenant.member().username(), () -> containers.create(new NewContainer(name,
                tenant.id(), null, GREET_AND_TICK, Map.of("GREETING", "hello there; $(rm -rf /)"), 0.5, 64, "no",
                null, check)));
        made.add(op.container().id());
        TaskSummary task = asAdmin(() -> tasks.await(op.taskId(), TASK_TIMEOUT));
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        return op.container().id();
    }

    private <T> T viewer(Supplier<T> action) {
        return asUser(tenant.viewer().username(), action);
    }

    private ContainerDetails awaitHealth(UUID id, String wanted) {
        Instant deadline = Instant.now().plusSeconds(20);
        ContainerDetails details = viewer(() -> containers.inspect(id));
        while (!wanted.equals(details.health()) && Instant.now().isBefore(deadline)) {
            sleep(250);
            details = viewer(() -> containers.inspect(id));
        }
        return details;
    }

    @Test
    void the_environment_reaches_the_process_and_a_passing_command_check_turns_healthy() {
        UUID id = running("healthy", NewHealthCheck.command("test -n \"$GREETING\" && echo fine", 1, 1, 2));

        ContainerDetails details = awaitHealth(id, "healthy");
        assertThat(details.health()).as(details.healthOutput()).isEqualTo("healthy");
        assertThat(details.onEngine()).isTrue();
        assertThat(details.engineState()).isEqualTo("running");
        assertThat(details.summary().name()).isEqualTo("healthy");

        Instant deadline = Instant.now().plusSeconds(10);
        List<ContainerLogLine> logs = viewer(() -> containers.logs(id, 50));
        while (logs.stream().noneMatch(l -> l.text().contains("greeting:")) && Instant.now().isBefore(deadline)) {
            sleep(200);
            logs = viewer(() -> containers.logs(id, 50));
        }
        // Passed as a value, never through a shell on the console's side: the text arrives as it was typed.
        assertThat(logs).extracting(ContainerLogLine::text)
                .anyMatch(t -> t.contains("greeting: hello there; $(rm -rf /)"));
    }

    @Test
    void a_failing_command_check_turns_unhealthy_with_its_last_output() {
        UUID id = running("sick", NewHealthCheck.command("echo broken-probe; exit 1", 1, 1, 1));

        ContainerDetails details = awaitHealth(id, "unhealthy");
        assertThat(details.health()).isEqualTo("unhealthy");
        assertThat(details.healthOutput()).contains("broken-probe");
    }

    @Test
    void stats_of_a_running_container_show_memory_in_use() {
        UUID id = running("measured", null);

        Optional<ContainerStatsSample> stats = viewer(() -> containers.stats(id));
        assertThat(stats).isPresent();
        assertThat(stats.get().memoryUsedBytes()).isPositive();
        assertThat(stats.get().cpuPercent()).isGreaterThanOrEqualTo(0);
        assertThat(ContainerDetailView.statsText(stats.get())).contains("CPU", "memory", "network rx", "block read");
    }

    @Test
    void followed_logs_deliver_new_lines_until_closed() throws Exception {
        UUID id = running("followed", null);
        List<ContainerLogLine> seen = new CopyOnWriteArrayList<>();

        AutoCloseable following = viewer(() -> containers.followLogs(id, 0, seen::add));
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (seen.stream().filter(l -> l.text().contains("tick")).count() < 2
                    && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
            assertThat(seen.stream().filter(l -> l.text().contains("tick")).count()).isGreaterThanOrEqualTo(2);
        } finally {
            following.close();
        }
        sleep(1500);
        int after = seen.size();
        sleep(2000);
        assertThat(seen).hasSize(after);
    }

    @Test
    void bad_health_checks_are_refused_and_strangers_see_no_container() {
        long rows = repository.count();
        for (NewHealthCheck bad : new NewHealthCheck[] {
                NewHealthCheck.command("true", 0, 1, 1),
                NewHealthCheck.command("true", 5, 10, 1),
                NewHealthCheck.command("true", 5, 1, 0),
                NewHealthCheck.httpGet(70000, "/", 5, 1, 1),
                NewHealthCheck.httpGet(80, "no slash", 5, 1, 1),
                new NewHealthCheck(null, null, null, 5, 1, 1)}) {
            assertThatThrownBy(() -> asUser(tenant.member().username(), () -> containers.create(new NewContainer(
                    "bad", tenant.id(), null, GREET_AND_TICK, Map.of(), 0.5, 64, "no", null, bad))))
                    .isInstanceOf(ContainerValidationException.class);
        }
        assertThatThrownBy(() -> asUser(tenant.member().username(), () -> containers.create(new NewContainer(
                "bad", tenant.id(), null, GREET_AND_TICK, Map.of("1BAD", "x"), 0.5, 64, "no", null))))
                .isInstanceOf(ContainerValidationException.class);
        assertThat(repository.count()).isEqualTo(rows);

        UUID id = running("private", null);
        Fixtures.Tenant other = fixtures.tenant("cd-other");
        String stranger = other.member().username();
        assertThatThrownBy(() -> asUser(stranger, () -> containers.inspect(id)))
                .isInstanceOf(ContainerNotFoundException.class);
        assertThatThrownBy(() -> asUser(stranger, () -> containers.stats(id)))
                .isInstanceOf(ContainerNotFoundException.class);
        assertThatThrownBy(() -> asUser(stranger, () -> containers.followLogs(id, 10, line -> { })))
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void environment_text_is_parsed_into_ordered_pairs() {
        assertThat(ContainersView.parseEnv("A=1\n\n# note\nB = two=2\r\nC=")).containsExactly(
                Map.entry("A", "1"), Map.entry("B", " two=2"), Map.entry("C", ""));
        assertThatThrownBy(() -> ContainersView.parseEnv("JUSTAKEY")).isInstanceOf(ContainerValidationException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
