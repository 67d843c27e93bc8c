package io.gureum.console.dashboard;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@ConsoleTest
class DashboardServiceTest {

    @Autowired
    DashboardService dashboard;

    @Autowired
    QuotaService quotas;

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Test
    void an_admin_sees_per_host_what_the_console_manages_and_what_was_made_by_hand() {
        Tenant mine = fixtures.tenant("inventory");
        try (SimulatedHost simulated = SimulatedHost.only(hosts, images)) {
            VmOperation made = asUser(mine.member().username(), () -> vms.create(vm("managed", mine, 1)));
            asAdmin(() -> tasks.await(made.taskId(), Duration.ofSeconds(60)));
            dashboard.forgetInventory();

            List<HostInventory> rows = asAdmin(() -> dashboard.managedAndUnmanaged());
            // libvirt's test driver starts with one domain, "test", made outside the console.
            assertThat(rows).filteredOn(row -> row.host().equals(simulated.summary().name())).singleElement()
                    .satisfies(row -> {
                        assertThat(row.managedVms()).isEqualTo(1);
                        assertThat(row.unmanagedVms()).isEqualTo(1);
                        assertThat(row.unmanagedContainers()).isEqualTo(-1); // no container engine there
                    });
            assertThatThrownBy(() -> asUser(mine.owner().username(), () -> dashboard.managedAndUnmanaged()))
                    .isInstanceOf(AccessDeniedException.class);

            asAdmin(() -> tasks.await(vms.delete(made.vm().id()).taskId(), Duration.ofSeconds(60)));
        }
    }

    @Test
    void a_member_sees_their_projects_usage_and_their_vms_by_state_and_nothing_of_others() {
        Tenant mine = fixtures.tenant("dash");
        Tenant other = fixtures.tenant("dash-other");
        try (SimulatedHost ignored = SimulatedHost.only(hosts, images)) {
            VmOperation a = asUser(mine.member().username(), () -> vms.create(vm("a", mine, 2)));
            VmOperation b = asUser(mine.member().username(), () -> vms.create(vm("b", mine, 1)));
            VmOperation theirs = asUser(other.member().username(), () -> vms.create(vm("c", other, 1)));
            List.of(a, b, theirs).forEach(op -> asAdmin(() -> tasks.await(op.taskId(), Duration.ofSeconds(60))));

            List<QuotaOverview> projects = asUser(mine.member().username(), () -> dashboard.myProjects());
            assertThat(projects).extracting(row -> row.project().id()).containsExactly(mine.id());
            assertThat(projects.getFirst().usage().vcpus()).isEqualTo(3);
            assertThat(projects.getFirst().usage().vms()).isEqualTo(2);

            Map<VmStatus, Long> byState = asUser(mine.viewer().username(), () -> dashboard.vmsByState());
            assertThat(byState).containsEntry(VmStatus.RUNNING, 2L).containsEntry(VmStatus.ERROR, 0L)
                    .doesNotContainKey(VmStatus.DELETED);
            assertThat(byState.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

            for (VmOperation op : List.of(a, b, theirs)) {
                asAdmin(() -> tasks.await(vms.delete(op.vm().id()).taskId(), Duration.ofSeconds(60)));
            }
        }
        assertThat(asUser(mine.member().username(), () -> dashboard.vmsByState()).values())
                .allMatch(count -> count == 0);
    }

    @Test
    void capacity_and_the_quota_watch_list_are_for_administrators_only() {
        Tenant t = fixtures.tenant("dash");
        for (String user : List.of(t.owner().username(), t.member().username())) {
            asUser(user, () -> {
                assertThat(dashboard.callerIsAdmin()).isFalse();
                assertThatThrownBy(dashboard::hostCapacity).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(dashboard::cloudCapacity).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(dashboard::projectsNearOrOverQuota).isInstanceOf(AccessDeniedException.class);
            });
        }
    }

    @Test
    void administrators_see_capacity_per_host_and_for_the_whole_cloud() {
        try (SimulatedHost sim = SimulatedHost.only(hosts, images)) {
            List<HostSummary> listed = asAdmin(() -> hosts.list());
            List<Capacity> perHost = asAdmin(() -> dashboard.hostCapacity());
            Capacity cloud = asAdmin(() -> dashboard.cloudCapacity());

            assertThat(perHost).extracting(Capacity::name).containsExactlyElementsOf(
                    listed.stream().map(HostSummary::name).toList());
            HostSummary simulated = asAdmin(() -> hosts.get(sim.summary().id()));
            Capacity row = perHost.stream().filter(c -> c.name().equals(simulated.name())).findFirst().orElseThrow();
            assertThat(row.cpus()).isEqualTo(simulated.cpus());
            assertThat(row.status()).contains("simulated");
            assertThat(row.vcpus().used()).isEqualTo(simulated.allocatedVcpus());
            assertThat(row.vcpus().limit()).isEqualTo((long) Math.floor(simulated.cpus() * dashboard.cpuOvercommit()));
            assertThat(row.memory().used()).isEqualTo(simulated.allocatedMemoryMib());
            assertThat(row.memory().limit()).isEqualTo(simulated.memoryTotalBytes() >> 20);

            List<HostSummary> up = listed.stream().filter(h -> h.status() == HostStatus.UP).toList();
            assertThat(cloud.cpus()).isEqualTo(up.stream().mapToInt(HostSummary::cpus).sum());
            assertThat(cloud.vcpus().used()).isEqualTo(up.stream().mapToLong(HostSummary::allocatedVcpus).sum());
            assertThat(cloud.memory().used()).isEqualTo(up.stream().mapToLong(HostSummary::allocatedMemoryMib).sum());
            assertThat(cloud.memory().limit()).isEqualTo(up.stream().mapToLong(h -> h.memoryTotalBytes() >> 20).sum());
            assertThat(cloud.storage().limit())
                    .isEqualTo(up.stream().mapToLong(h -> h.storageCapacityBytes() >> 30).sum());
            assertThat(cloud.status()).startsWith(up.size() + " host");
        }
    }

    @Test
    void administrators_see_projects_near_or_over_quota_over_ones_first() {
        Tenant near = fixtures.tenant("dash-near");
        Tenant over = fixtures.tenant("dash-over");
        Tenant roomy = fixtures.tenant("dash-roomy");
        try (SimulatedHost ignored = SimulatedHost.only(hosts, images)) {
            asAdmin(() -> quotas.setLimits(near.id(), new ResourceAmounts(10, 16384, 200, 5, 10, 4, 8192)));
            VmOperation n = asUser(near.member().username(), () -> vms.create(vm("n", near, 8)));
            VmOperation o = asUser(over.member().username(), () -> vms.create(vm("o", over, 2)));
            VmOperation r = asUser(roomy.member().username(), () -> vms.create(vm("r", roomy, 1)));
            // Lowering a limit below usage is allowed: the project is then over quota and new VMs are refused.
            asAdmin(() -> quotas.setLimits(over.id(), new ResourceAmounts(1, 16384, 200, 5, 10, 4, 8192)));

            List<QuotaOverview> watch = asAdmin(() -> dashboard.projectsNearOrOverQuota());
            List<Long> ids = watch.stream().map(row -> row.project().id()).toList();
            assertThat(ids).contains(near.id(), over.id()).doesNotContain(roomy.id());
            assertThat(ids.indexOf(over.id())).isLessThan(ids.indexOf(near.id()));
            assertThat(watch.get(ids.indexOf(over.id())).overQuota()).isTrue();
            assertThat(watch.get(ids.indexOf(near.id())).overQuota()).isFalse();
            assertThat(DashboardView.tightest(watch.get(ids.indexOf(near.id())))).isEqualTo("vCPUs 8 / 10");
            assertThat(DashboardView.tightest(watch.get(ids.indexOf(over.id())))).isEqualTo("vCPUs 2 / 1 (over)");

            for (VmOperation op : List.of(n, o, r)) {
                asAdmin(() -> tasks.await(op.taskId(), Duration.ofSeconds(60)));
                asAdmin(() -> tasks.await(vms.delete(op.vm().id()).taskId(), Duration.ofSeconds(60)));
            }
        }
    }

    private static NewVm vm(String name, Tenant tenant, int vcpus) {
        return new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, vcpus, 128, null);
    }
}
