package io.gureum.console.container;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.workload.WorkloadFilter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The container grid's paged, filtered query, the same shared one as the VMs' (WorkloadRows.page): the database
 * pages, newest first, within the caller's projects.
 */
@ConsoleTest
class ContainerPageTest {

    @Autowired
    ContainerService containers;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ContainerRepository repository;

    private void row(Fixtures.Tenant tenant, String name, ContainerStatus state, Instant at) {
        ManagedContainer c = new ManagedContainer(UUID.randomUUID(), name, tenant.id(), "someone", "busybox", null,
                500, 64, "no", null, at);
        c.observed(state, "test", at);
        repository.save(c);
    }

    private static List<String> names(List<ContainerSummary> page) {
        return page.stream().map(ContainerSummary::name).toList();
    }

    @Test
    void pages_filter_by_project_state_and_name_newest_first_within_the_callers_projects() {
        Fixtures.Tenant a = fixtures.tenant("cpa");
        Fixtures.Tenant b = fixtures.tenant("cpb");
        String tag = "t" + Actors.unique("x").replaceAll("[^0-9]", "");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row(a, "alpha-" + tag, ContainerStatus.RUNNING, t.minusSeconds(50));
        row(a, "beta-" + tag, ContainerStatus.EXITED, t.minusSeconds(40));
        row(a, "gamma-" + tag, ContainerStatus.RUNNING, t.minusSeconds(30));
        row(a, "gone-" + tag, ContainerStatus.DELETED, t.minusSeconds(25));
        row(b, "alpha-b-" + tag, ContainerStatus.RUNNING, t.minusSeconds(20));
        WorkloadFilter<ContainerStatus> mine = new WorkloadFilter<>(null, null, null, tag);

        assertThat(names(asAdmin(() -> containers.page(new WorkloadFilter<>(a.id(), null, null, tag), 0, 50))))
                .containsExactly("gamma-" + tag, "beta-" + tag, "alpha-" + tag);
        assertThat(names(asAdmin(() -> containers.page(
                new WorkloadFilter<>(null, ContainerStatus.RUNNING, null, tag.toUpperCase()), 0, 50))))
                .containsExactly("alpha-b-" + tag, "gamma-" + tag, "alpha-" + tag);
        assertThat(asAdmin(() -> containers.count(mine))).isEqualTo(4);
        assertThat(asAdmin(() -> containers.count(new WorkloadFilter<>(null, ContainerStatus.DELETED, null, tag))))
                .isZero();
        assertThat(asAdmin(() -> containers.count(new WorkloadFilter<>(null, null, UUID.randomUUID(), tag)))).isZero();
        assertThat(names(asAdmin(() -> containers.page(mine, 1, 2)))).containsExactly("gamma-" + tag, "beta-" + tag);

        assertThat(names(asUser(b.viewer().username(), () -> containers.page(mine, 0, 50))))
                .containsExactly("alpha-b-" + tag);
        assertThat(asUser(b.member().username(), () -> containers.count(new WorkloadFilter<>(a.id(), null, null, tag))))
                .isZero();
        assertThat(asUser(fixtures.user("nobody").username(), () -> containers.count(mine))).isZero();
    }
}
