package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A container an engine made for a create the console had already given up on is removed by the resync: while the
 * row is in ERROR, and after the user deleted the failed row (DELETED), as a 30-minute soak with Podman stalls found.
 */
@ConsoleTest
class ContainerLeftoversTest {

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

    @ParameterizedTest
    @EnumSource(value = ContainerStatus.class, names = {"ERROR", "DELETED"})
    void a_container_whose_create_failed_is_removed_by_the_next_resync_of_its_engine(ContainerStatus rowState) {
        HostSummary local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        Fixtures.Tenant tenant = fixtures.tenant("ct-leftover");
        ContainerOperation created = asUser(tenant.member().username(), () -> containers.create(new NewContainer(
                "late", tenant.id(), null, "sleep 600", Map.of(), 0.5, 64, "no", null)));
        assertThat(asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(60))).state())
                .isEqualTo(TaskState.SUCCEEDED);
        ManagedContainer row = repository.findById(created.container().id()).orElseThrow();
        String engineId = row.engineId();
        ContainerEngine engine = hosts.engineOf(local.id());
        try {
            // What a create that timed out on a stalled engine records, while the engine made it after all.
            row.failed("create container: no answer within 15000 ms", Instant.now());
            if (rowState == ContainerStatus.DELETED) {
                row.observed(ContainerStatus.DELETED, "deleted by the user", Instant.now());
            }
            repository.save(row);

            stateSync.resyncHost(local.id());

            assertThat(engine.list()).noneMatch(c -> c.id().equals(engineId));
            assertThat(repository.findById(row.id()).orElseThrow().state()).isEqualTo(rowState);
        } finally {
            ContainerService.removeQuietly(engine, engineId);
        }
    }
}
