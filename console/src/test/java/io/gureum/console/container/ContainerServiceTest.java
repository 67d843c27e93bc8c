package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import io.gureum.container.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Containers through the console's service, on the local host's real Podman. */
@ConsoleTest
class ContainerServiceTest {

    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);
    static final String TICK = "while true; do echo tick; sleep 1; done";

    @Autowired
    ContainerService containers;

    @Autowired
    HostService hosts;

    @Autowired
    QuotaService quotas;

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
        tenant = fixtures.tenant("ct");
    }

    @AfterEach
    void removeWhatWasMade() {
        ContainerEngine engine = hosts.engineOf(local.id());
        for (UUID id : made) {
            repository.findById(id).ifPresent(c -> {
                for (String ref : new String[] {c.engineId(), c.engineName()}) {
                    if (ref != null) {
                        try {
                            engine.remove(ref, true);
                        } catch (RuntimeException gone) {
                            // already removed
                        }
                    }
                }
            });
        }
    }

    private NewContainer ticking(String name) {
        return new NewContainer(name, tenant.id(), null, TICK, Map.of("GREETING", "hello; rm -rf /"), 0.5, 64, "no",
                null);
    }

    private ContainerOperation create(String user, NewContainer request) {
        ContainerOperation op = asUser(user, () -> containers.create(request));
        made.add(op.container().id());
        return op;
    }

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, TASK_TIMEOUT));
    }

    private ManagedContainer row(UUID id) {
        return repository.findById(id).orElseThrow();
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.gureum.console.quota.QuotaRecount recount;

    @Test
    void the_recount_against_the_engines_reports_a_container_removed_outside_the_console() {
        ContainerOperation created = create(tenant.member().username(), ticking("removed-by-hand"));
        await(created.taskId());
        String engineId = asUser(tenant.member().username(), () -> containers.get(created.container().id())).engineId();

        hosts.engineOf(local.id()).remove(engineId, true); // an operator removes it with podman rm -f

        recount.recount();
        assertThat(recount.recount()).anySatisfy(d -> {
            assertThat(d.projectId()).isEqualTo(tenant.id());
            assertThat(d.kind()).isEqualTo("containers");
            assertThat(d.recorded()).isEqualTo(1);
            assertThat(d.found()).isZero();
            assertThat(d.detail()).contains("removed-by-hand on " + local.name());
        });
    }

    @Test
    void a_member_creates_a_running_container_whose_logs_tick_and_a_stop_outside_shows_within_two_seconds() {
        String member = tenant.member().username();
        ContainerOperation created = create(member, ticking("ticker"));
        assertThat(created.container().state()).isEqualTo(ContainerStatus.PROVISIONING);

        TaskSummary task = await(created.taskId());
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        ContainerSummary running = asUser(member, () -> containers.get(created.container().id()));
        assertThat(running.state()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(running.hostId()).isEqualTo(local.id());
        assertThat(running.owner()).isEqualTo(member);
        assertThat(running.engineId()).isNotBlank();
        assertThat(asUser(tenant.viewer().username(), () -> containers.list())).extracting(ContainerSummary::id)
                .contains(running.id());

        Instant deadline = Instant.now().plusSeconds(10);
        List<ContainerLogLine> logs = List.of();
        while (Instant.now().isBefore(deadline)) {
            logs = asUser(tenant.viewer().username(), () -> containers.logs(running.id(), 200));
            if (logs.stream().anyMatch(l -> l.text().contains("tick"))) {
                break;
            }
            sleep(200);
        }
        assertThat(logs).extracting(ContainerLogLine::text).anyMatch(t -> t.contains("tick"));

        // What an operator's "podman stop" does, straight on the host.
        hosts.engineOf(local.id()).stop(running.engineId(), Duration.ofSeconds(1));
        deadline = Instant.now().plusSeconds(2);
        while (row(running.id()).state() == ContainerStatus.RUNNING && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(row(running.id()).state()).isIn(ContainerStatus.STOPPED, ContainerStatus.EXITED);

        TaskSummary started = await(asUser(member, () -> containers.start(running.id())).taskId());
        assertThat(started.state()).as(started.message()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(row(running.id()).state()).isEqualTo(ContainerStatus.RUNNING);
        TaskSummary stopped = await(asUser(member, () -> containers.stop(running.id())).taskId());
        assertThat(stopped.state()).as(stopped.message()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(row(running.id()).state()).isEqualTo(ContainerStatus.STOPPED);

        TaskSummary deleted = await(asUser(member, () -> containers.delete(running.id())).taskId());
        assertThat(deleted.state()).as(deleted.message()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(row(running.id()).state()).isEqualTo(ContainerStatus.DELETED);
        assertThatThrownBy(() -> hosts.engineOf(local.id()).inspect(running.engineId()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> asUser(member, () -> containers.get(running.id())))
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void a_container_with_restart_policy_always_is_started_again_after_an_outside_stop_but_not_after_a_console_stop() {
        String member = tenant.member().username();
        ContainerOperation created = create(member, new NewContainer("kept", tenant.id(), null, TICK, Map.of(), 0.5, 64,
                "always", null));
        assertThat(await(created.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
        UUID id = created.container().id();
        String engineId = row(id).engineId();

        // What an operator's "podman stop" does: the engine's own "always" policy does not undo it.
        hosts.engineOf(local.id()).stop(engineId, Duration.ofSeconds(1));

        Instant deadline = Instant.now().plusSeconds(20);
        while (asAdmin(() -> tasks.forTarget("container", id.toString())).stream()
                .noneMatch(t -> t.action().equals("container.restart-by-policy") && t.state() == TaskState.SUCCEEDED)
                && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(asAdmin(() -> tasks.forTarget("container", id.toString()))).anySatisfy(task -> {
            assertThat(task.action()).isEqualTo("container.restart-by-policy");
            assertThat(task.actor()).isEqualTo("system");
            assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        });
        assertThat(hosts.engineOf(local.id()).inspect(engineId).running()).isTrue();
        assertThat(row(id).state()).isEqualTo(ContainerStatus.RUNNING);

        TaskSummary stopped = await(asUser(member, () -> containers.stop(id)).taskId());
        assertThat(stopped.state()).as(stopped.message()).isEqualTo(TaskState.SUCCEEDED);
        sleep(2500);
        assertThat(row(id).state()).isEqualTo(ContainerStatus.STOPPED);
        assertThat(hosts.engineOf(local.id()).inspect(engineId).running()).isFalse();
        assertThat(asAdmin(() -> tasks.forTarget("container", id.toString())))
                .filteredOn(t -> t.action().equals("container.restart-by-policy")).hasSize(1);
    }

    @Test
    void a_container_whose_command_ends_at_once_shows_exited_not_running() {
        String member = tenant.member().username();
        ContainerOperation created = create(member, new NewContainer("brief", tenant.id(), null, "exit 3", Map.of(),
                0.5, 64, "no", null));
        assertThat(await(created.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);

        Instant deadline = Instant.now().plusSeconds(5);
        while (row(created.container().id()).state() != ContainerStatus.EXITED && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(row(created.container().id()).state()).isEqualTo(ContainerStatus.EXITED);
        assertThat(asUser(member, () -> containers.get(created.container().id())).stateReason()).contains("3");
    }

    @Test
    void the_quota_refuses_a_container_too_many_with_the_numbers_and_makes_nothing() {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(8, 8192, 10, 5, 1, 4, 4096)));
        String member = tenant.member().username();
        ContainerOperation first = create(member, ticking("one"));
        long rows = repository.count();

        assertThatThrownBy(() -> create(member, ticking("two")))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("containers 2 > 1");
        assertThat(repository.count()).isEqualTo(rows);

        assertThat(await(first.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
        await(asUser(member, () -> containers.delete(first.container().id())).taskId());
        ContainerOperation again = create(member, ticking("two"));
        assertThat(await(again.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
        await(asUser(member, () -> containers.delete(again.container().id())).taskId());
    }

    @Test
    void viewers_change_nothing_and_other_projects_see_nothing() {
        ContainerOperation created = create(tenant.member().username(), ticking("mine"));
        await(created.taskId());
        UUID id = created.container().id();
        Fixtures.Tenant other = fixtures.tenant("other");
        String viewer = tenant.viewer().username();

        assertThatThrownBy(() -> asUser(viewer, () -> containers.create(ticking("nope"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(viewer, () -> containers.stop(id))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(viewer, () -> containers.delete(id)))
                .isInstanceOf(AccessDeniedException.class);
        for (String stranger : new String[] {other.owner().username(), other.member().username()}) {
            assertThat(asUser(stranger, () -> containers.list())).extracting(ContainerSummary::id)
                    .doesNotContain(id);
            assertThatThrownBy(() -> asUser(stranger, () -> containers.get(id)))
                    .isInstanceOf(ContainerNotFoundException.class);
            assertThatThrownBy(() -> asUser(stranger, () -> containers.logs(id, 10)))
                    .isInstanceOf(ContainerNotFoundException.class);
            assertThatThrownBy(() -> asUser(stranger, () -> containers.stop(id)))
                    .isInstanceOf(ContainerNotFoundException.class);
            assertThatThrownBy(() -> asUser(stranger, () -> containers.delete(id)))
                    .isInstanceOf(ContainerNotFoundException.class);
        }
        await(asUser(tenant.member().username(), () -> containers.delete(id)).taskId());
    }

    @Test
    void bad_requests_are_refused_before_anything_is_made() {
        long rows = repository.count();
        for (NewContainer bad : new NewContainer[] {
                new NewContainer("Bad Name", tenant.id(), null, TICK, Map.of(), 0.5, 64, "no", null),
                new NewContainer("ok", tenant.id(), null, TICK, Map.of(), 0, 64, "no", null),
                new NewContainer("ok", tenant.id(), null, TICK, Map.of(), 0.5, 1, "no", null),
                new NewContainer("ok", tenant.id(), "localhost/gureum/not-there:latest", TICK, Map.of(), 0.5, 64,
                        "no", null),
                new NewContainer("ok", tenant.id(), null, TICK, Map.of(), 0.5, 64, "sometimes", null),
                new NewContainer("ok", tenant.id(), null, TICK, Map.of(), 0.5, 64, "no", 70000)}) {
            assertThatThrownBy(() -> asUser(tenant.member().username(), () -> containers.create(bad)))
                    .isInstanceOf(ContainerValidationException.class);
        }
        assertThat(repository.count()).isEqualTo(rows);
    }

    @Test
    void a_published_port_gets_an_automatic_host_port_on_loopback() {
        ContainerOperation created = create(tenant.member().username(), new NewContainer("web", tenant.id(), null,
                TICK, Map.of(), 0.25, 32, "unless-stopped", 8080));
        TaskSummary task = await(created.taskId());
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        ContainerSummary web = asUser(tenant.member().username(), () -> containers.get(created.container().id()));
        assertThat(web.containerPort()).isEqualTo(8080);
        assertThat(web.hostPort()).isNotNull().isPositive();
        await(asUser(tenant.member().username(), () -> containers.delete(web.id())).taskId());
    }

    @Test
    void the_command_and_environment_are_passed_as_arguments_never_through_a_second_shell() {
        ContainerOperation created = create(tenant.member().username(), new NewContainer("args", tenant.id(), null,
                "echo \"[$GREETING]\"; echo 'it''s'; sleep 600", Map.of("GREETING", "hello; echo injected $(id)"),
                0.1, 16, "no", null));
        TaskSummary task = await(created.taskId());
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> lines = List.of();
        while (lines.size() < 2 && Instant.now().isBefore(deadline)) {
            sleep(200);
            lines = asUser(tenant.member().username(), () -> containers.logs(created.container().id(), 50)).stream()
                    .map(ContainerLogLine::text).map(String::strip).toList();
        }
        assertThat(lines).containsExactly("[hello; echo injected $(id)]", "its");
        await(asUser(tenant.member().username(), () -> containers.delete(created.container().id())).taskId());
    }

    @Test
    void a_container_no_host_can_take_fails_with_the_reason_per_host_and_frees_its_quota() {
        List<HostSummary> paused = asAdmin(() -> hosts.forPlacement().stream()
                .filter(h -> !h.maintenance()).toList());
        try {
            asAdmin(() -> paused.forEach(h -> hosts.setMaintenance(h.id(), true)));
            ContainerOperation created = create(tenant.member().username(), ticking("nowhere"));
            TaskSummary task = await(created.taskId());
            assertThat(task.state()).isEqualTo(TaskState.FAILED);
            assertThat(task.message()).contains(local.name() + ": maintenance");
            assertThat(row(created.container().id()).state()).isEqualTo(ContainerStatus.ERROR);
            assertThat(usage.usage(tenant.id()).containers()).isZero();
        } finally {
            asAdmin(() -> paused.forEach(h -> hosts.setMaintenance(h.id(), false)));
        }
    }

    @Autowired
    InterruptedContainerTasks interrupted;

    @Autowired
    ContainerUsage usage;

    @Test
    void a_create_interrupted_by_a_restart_leaves_no_container_and_ends_in_error() {
        // What a restart leaves: a row PROVISIONING, placed, its container made, its engine id never recorded.
        ContainerOperation created = create(tenant.member().username(), ticking("halfway"));
        await(created.taskId());
        ManagedContainer row = row(created.container().id());
        String engineId = row.engineId();
        row.observed(ContainerStatus.PROVISIONING, "provisioning", Instant.now());
        row.created(null, null, Instant.now());
        repository.save(row);

        interrupted.interrupted(new io.gureum.console.task.TaskEvents.TaskInterrupted(UUID.randomUUID(),
                "container.create", "container", row.id().toString()));

        ManagedContainer after = row(row.id());
        assertThat(after.state()).isEqualTo(ContainerStatus.ERROR);
        assertThat(after.summary(null).errorMessage()).contains("its container was removed");
        assertThatThrownBy(() -> hosts.engineOf(local.id()).inspect(engineId)).isInstanceOf(NotFoundException.class);
        assertThat(usage.usage(tenant.id()).containers()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
