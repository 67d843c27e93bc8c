package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The VM grid's paged, filtered query: the right rows, newest first, within the caller's projects. */
@ConsoleTest
class VmPageTest {

    @Autowired
    VmService vms;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    Fixtures.Tenant a;
    Fixtures.Tenant b;
    String tag;

    @BeforeEach
    void rows() {
        a = fixtures.tenant("pa");
        b = fixtures.tenant("pb");
        tag = "t" + Actors.unique("x").replaceAll("[^0-9]", "");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row(a, "alpha-" + tag, VmStatus.RUNNING, t.minusSeconds(50));
        row(a, "beta-" + tag, VmStatus.STOPPED, t.minusSeconds(40));
        row(a, "gamma-" + tag, VmStatus.RUNNING, t.minusSeconds(30));
        row(a, "gone-" + tag, VmStatus.DELETED, t.minusSeconds(25));
        row(b, "alpha-b-" + tag, VmStatus.RUNNING, t.minusSeconds(20));
    }

    private void row(Fixtures.Tenant tenant, String name, VmStatus state, Instant at) {
        VirtualMachine vm = new VirtualMachine(UUID.randomUUID(), name, tenant.id(), "someone", "tiny", 1, 128, 1, at);
        vm.observed(state, "test", at);
        repository.save(vm);
    }

    private List<String> names(List<VmSummary> page) {
        return page.stream().map(VmSummary::name).toList();
    }

    @Test
    void filters_by_project_state_and_name_newest_first() {
        VmFilter mine = VmFilter.ANY.withName(tag);
        assertThat(names(asAdmin(() -> vms.page(mine.withProject(a.id()), 0, 50))))
                .containsExactly("gamma-" + tag, "beta-" + tag, "alpha-" + tag);
        assertThat(asAdmin(() -> vms.count(mine.withProject(a.id())))).isEqualTo(3);
        assertThat(names(asAdmin(() -> vms.page(mine.withState(VmStatus.RUNNING), 0, 50))))
                .containsExactly("alpha-b-" + tag, "gamma-" + tag, "alpha-" + tag);
        assertThat(names(asAdmin(() -> vms.page(VmFilter.ANY.withName("ALPHA-" + tag.toUpperCase()), 0, 50))))
                .containsExactly("alpha-" + tag);
        assertThat(asAdmin(() -> vms.count(VmFilter.ANY.withName("%" + tag)))).isZero(); // wildcards are literal
        assertThat(asAdmin(() -> vms.count(mine.withState(VmStatus.DELETED)))).isZero();
        assertThat(asAdmin(() -> vms.count(mine.withHost(UUID.randomUUID())))).isZero();
    }

    @Test
    void pages_are_slices_of_the_same_order() {
        VmFilter mine = VmFilter.ANY.withName(tag);
        assertThat(asAdmin(() -> vms.count(mine))).isEqualTo(4);
        assertThat(names(asAdmin(() -> vms.page(mine, 0, 2)))).containsExactly("alpha-b-" + tag, "gamma-" + tag);
        assertThat(names(asAdmin(() -> vms.page(mine, 2, 2)))).containsExactly("beta-" + tag, "alpha-" + tag);
        assertThat(names(asAdmin(() -> vms.page(mine, 1, 2)))).containsExactly("gamma-" + tag, "beta-" + tag);
    }

    @Test
    void members_see_only_their_projects() {
        VmFilter mine = VmFilter.ANY.withName(tag);
        assertThat(names(asUser(b.viewer().username(), () -> vms.page(mine, 0, 50))))
                .containsExactly("alpha-b-" + tag);
        assertThat(asUser(b.viewer().username(), () -> vms.count(mine))).isEqualTo(1);
        assertThat(asUser(b.member().username(), () -> vms.page(mine.withProject(a.id()), 0, 50))).isEmpty();
        assertThat(asUser(b.member().username(), () -> vms.count(mine.withProject(a.id())))).isZero();
        assertThat(asUser(a.owner().username(), () -> vms.count(mine))).isEqualTo(3);
        String stranger = fixtures.user("nobody").username();
        assertThat(asUser(stranger, () -> vms.page(mine, 0, 50))).isEmpty();
        assertThat(asUser(stranger, () -> vms.count(mine))).isZero();
    }
}
