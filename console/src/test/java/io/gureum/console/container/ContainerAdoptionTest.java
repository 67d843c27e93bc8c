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
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerRef;
import io.gureum.container.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Containers made by hand on the local Podman: listed as unmanaged, adopted into a project with quota checked. */
@ConsoleTest
class ContainerAdoptionTest {

    @Autowired
    ContainerService containers;

    @Autowired
    HostService hosts;

    @Autowired
    QuotaService quotas;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContainerRepository repository;

    @Autowired
    ContainerUsage usage;

    @Autowired
    io.gureum.console.audit.AuditService audit;

    HostSummary local;
    ContainerEngine engine;
    Fixtures.Tenant tenant;
    final List<String> handMade = new ArrayList<>();

    @BeforeEach
    void localPodman() {
        local = asAdmin(() -> hosts.list().stream()
                .filter(h -> h.containerEndpoint() != null && h.engineProduct() != null && h.acceptsPlacements())
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman at "
                    + "unix:///run/podman/podman.sock): run src/host/setup.sh");
        }
        engine = hosts.engineOf(local.id());
        tenant = fixtures.tenant("cadopt");
    }

    @AfterEach
    void removeWhatWasMade() {
        for (String id : handMade) {
            try {
                engine.remove(id, true);
            } catch (RuntimeException gone) {
                // already removed
            }
        }
    }

    /** What an operator's "podman run --cpus 1.5 --memory 96m" does: a container without the console's labels. */
    private ContainerRef byHand(String name) {
        ContainerRef ref = engine.create(ContainerSpec.builder(name, ContainerService.DEFAULT_IMAGE)
                .limits(1.5, 96).command("sh", "-c").args("sleep 600").build());
        handMade.add(ref.id());
        engine.start(ref.id());
        return ref;
    }

    @Test
    void a_container_made_by_hand_is_listed_and_an_admin_adopts_it_with_its_limits_counted() {
        String name = Actors.unique("hand");
        ContainerRef ref = byHand(name);

        assertThat(asAdmin(() -> containers.unmanaged())).anySatisfy(u -> {
            assertThat(u.engineId()).isEqualTo(ref.id());
            assertThat(u.name()).isEqualTo(name);
            assertThat(u.hostId()).isEqualTo(local.id());
            assertThat(u.state()).isEqualTo(ContainerStatus.RUNNING);
        });
        String member = tenant.member().username();
        assertThatThrownBy(() -> asUser(member, () -> containers.unmanaged()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(member, () -> containers.adopt(local.id(), ref.id(), tenant.id())))
                .isInstanceOf(AccessDeniedException.class);

        ContainerSummary adopted = asAdmin(() -> containers.adopt(local.id(), ref.id(), tenant.id()));

        assertThat(adopted.state()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(adopted.engineId()).isEqualTo(ref.id());
        assertThat(adopted.owner()).isEqualTo("admin");
        assertThat(adopted.name()).matches(ContainerService.NAME);
        assertThat(adopted.cpus()).isEqualTo(1.5);
        assertThat(adopted.memoryMib()).isEqualTo(96);
        ResourceAmounts used = usage.usage(tenant.id());
        assertThat(used.containers()).isEqualTo(1);
        assertThat(used.containerCpus()).isEqualTo(2);
        assertThat(used.containerMemoryMib()).isEqualTo(96);
        assertThat(asAdmin(() -> containers.unmanaged())).noneMatch(u -> u.engineId().equals(ref.id()));
        assertThat(asUser(tenant.viewer().username(), () -> containers.list())).extracting(ContainerSummary::id)
                .contains(adopted.id());
        assertThatThrownBy(() -> asAdmin(() -> containers.adopt(local.id(), ref.id(), tenant.id())))
                .isInstanceOf(ContainerValidationException.class).hasMessageContaining("adopted already");
        assertThat(asAdmin(() -> audit.search(new io.gureum.console.audit.AuditFilter(null, tenant.id(),
                "container.adopt", null, null, null)))).anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("admin");
                    assertThat(entry.detail()).contains("1.5").contains("96 MiB");
                });
    }

    @Test
    void adopting_into_a_project_without_room_is_refused_with_the_numbers_and_changes_nothing() {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(8, 8192, 10, 5, 5, 1, 4096)));
        ContainerRef ref = byHand(Actors.unique("wide"));
        long rows = repository.count();

        assertThatThrownBy(() -> asAdmin(() -> containers.adopt(local.id(), ref.id(), tenant.id())))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("container CPUs 2 > 1")
                .hasMessageContaining("counted for container");

        assertThat(repository.count()).isEqualTo(rows);
        assertThat(usage.usage(tenant.id()).containers()).isZero();
        assertThat(asAdmin(() -> containers.unmanaged())).anyMatch(u -> u.engineId().equals(ref.id()));
    }

    @Test
    void a_container_run_by_hand_without_limits_is_counted_with_the_stated_assumptions() throws Exception {
        String name = Actors.unique("podman-run");
        // What an operator types: "podman run -d --name ... image sleep 600", no limits, no labels.
        Process run = new ProcessBuilder("podman", "--url", local.containerEndpoint(), "run", "-d", "--name", name,
                ContainerService.DEFAULT_IMAGE, "sleep", "600").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes()).strip();
        if (!run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || run.exitValue() != 0) {
            Requires.missing("podman run against " + local.containerEndpoint() + " failed: " + output);
        }
        handMade.add(name);
        UnmanagedContainer listed = asAdmin(() -> containers.unmanaged()).stream()
                .filter(u -> u.name().equals(name)).findFirst().orElseThrow();

        ContainerSummary adopted = asAdmin(() -> containers.adopt(local.id(), listed.engineId(), tenant.id()));

        assertThat(adopted.cpus()).isEqualTo(1.0);
        assertThat(adopted.memoryMib()).isEqualTo(ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB);
        assertThat(usage.usage(tenant.id()).containerMemoryMib()).isEqualTo(ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB);
        assertThat(asAdmin(() -> audit.search(new io.gureum.console.audit.AuditFilter(null, tenant.id(),
                "container.adopt", null, null, null)))).anySatisfy(entry ->
                assertThat(entry.detail()).contains("no CPU limit: 1 assumed").contains("no memory limit"));
    }
}
