package io.gureum.console.dashboard;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaOverview;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.quota.UsageBar;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.ui.PlannedPlace;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ConsoleTest
class DashboardViewTest extends SpringBrowserlessTest {

    @Autowired
    Fixtures fixtures;

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

    @Test
    void a_member_sees_their_projects_bars_and_vms_by_state_but_no_capacity() {
        Tenant t = fixtures.tenant("dash-view");
        try (SimulatedHost ignored = SimulatedHost.only(hosts, images)) {
            VmOperation vm = asUser(t.member().username(), () -> vms.create(new NewVm("shown", t.id(),
                    ImageCatalog.TINY_LINUX, 2, 256, null)));
            asAdmin(() -> tasks.await(vm.taskId(), Duration.ofSeconds(60)));

            asUser(t.member().username(), () -> {
                navigate(DashboardView.class);
                assertThat($(PlannedPlace.class).all()).isEmpty();
                Div card = $(Div.class).id("project-" + t.id());
                assertThat($(UsageBar.class, card).all()).extracting(UsageBar::text)
                        .contains("2 / 8 vCPUs", "256 / 16384 MiB memory", "1 / 5 VMs");
                Div running = $(Div.class).id("vm-state-running");
                assertThat($(Span.class, running).all()).extracting(Span::getText).containsExactly("1", "running");
                assertThat($(Div.class).withId("capacity").all()).isEmpty();
                assertThat($(Div.class).withId("quota-watch").all()).isEmpty();
            });

            asAdmin(() -> tasks.await(vms.delete(vm.vm().id()).taskId(), Duration.ofSeconds(60)));
        }
    }

    @Test
    void an_administrator_also_sees_capacity_per_host_and_projects_over_quota() {
        Tenant t = fixtures.tenant("dash-admin");
        try (SimulatedHost sim = SimulatedHost.only(hosts, images)) {
            VmOperation vm = asUser(t.member().username(), () -> vms.create(new NewVm("big", t.id(),
                    ImageCatalog.TINY_LINUX, 2, 256, null)));
            asAdmin(() -> quotas.setLimits(t.id(), new ResourceAmounts(1, 16384, 200, 5, 10, 4, 8192)));

            asAdmin(() -> {
                DashboardView view = navigate(DashboardView.class);
                Div cloud = $(Div.class).id("cloud-capacity");
                assertThat($(UsageBar.class, cloud).all()).hasSize(3);
                Grid<Capacity> hostGrid = view.hostGrid;
                assertThat(IntStream.range(0, test(hostGrid).size()).mapToObj(i -> test(hostGrid).getRow(i).name()))
                        .contains(sim.summary().name());

                Grid<QuotaOverview> watch = view.quotaWatch;
                int row = IntStream.range(0, test(watch).size())
                        .filter(i -> test(watch).getRow(i).project().id() == t.id()).findFirst().orElseThrow();
                assertThat(test(watch).getCellText(row, 1)).isEqualTo("over quota");
                assertThat(test(watch).getCellText(row, 2)).isEqualTo("vCPUs 2 / 1 (over)");
            });

            asAdmin(() -> tasks.await(vm.taskId(), Duration.ofSeconds(60)));
            asAdmin(() -> tasks.await(vms.delete(vm.vm().id()).taskId(), Duration.ofSeconds(60)));
        }
    }
}
