package io.gureum.console.quota;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.springframework.security.access.AccessDeniedException;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class QuotaServiceTest {

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaDefaults defaults;

    @Autowired
    Fixtures fixtures;

    @Test
    void a_new_project_starts_with_the_configured_default_limits() {
        Tenant t = fixtures.tenant("q");
        assertThat(asUser(t.viewer().username(), () -> quotas.limits(t.id()))).isEqualTo(defaults.amounts());
        assertThat(defaults.amounts()).isEqualTo(new ResourceAmounts(8, 16384, 200, 5, 10, 4, 8192));
    }

    @Test
    void administrators_set_limits_and_a_demand_beyond_them_is_refused_naming_the_limit() {
        Tenant t = fixtures.tenant("q");
        ResourceAmounts limits = new ResourceAmounts(4, 4096, 50, 2, 3, 2, 2048);
        asAdmin(() -> quotas.setLimits(t.id(), limits));

        assertThat(asUser(t.member().username(), () -> quotas.limits(t.id()))).isEqualTo(limits);
        asUser(t.member().username(), () -> {
            assertThatCode(() -> quotas.reserve(t.id(), new ResourceAmounts(4, 4096, 50, 2, 3, 2, 2048)))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> quotas.reserve(t.id(), new ResourceAmounts(5, 0, 0, 1, 0, 0, 0)))
                    .isInstanceOf(QuotaExceededException.class)
                    .hasMessageContaining("vCPUs 5 > 4");
        });
    }

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    TaskService tasks;

    @Test
    void usage_sums_the_projects_vms_and_remaining_is_what_the_limits_leave_never_below_zero() {
        Tenant t = fixtures.tenant("q");
        asAdmin(() -> quotas.setLimits(t.id(), new ResourceAmounts(6, 4096, 50, 3, 3, 2, 2048)));
        assertThat(asUser(t.viewer().username(), () -> quotas.usage(t.id()))).isEqualTo(ResourceAmounts.NONE);
        try (SimulatedHost ignored = SimulatedHost.only(hosts, images)) {
            VmOperation vm = asUser(t.member().username(), () -> vms.create(new NewVm("four", t.id(),
                    ImageCatalog.TINY_LINUX, 4, 512, null)));
            int disk = vm.vm().diskGib();

            // Counted from the moment the row exists, while it is still provisioning.
            assertThat(asUser(t.viewer().username(), () -> quotas.usage(t.id())))
                    .isEqualTo(new ResourceAmounts(4, 512, disk, 1, 0, 0, 0));
            // "This VM uses 4 of your remaining 6 vCPUs": before it, 6 were left; now 2 are.
            assertThat(asUser(t.viewer().username(), () -> quotas.remaining(t.id())))
                    .isEqualTo(new ResourceAmounts(2, 3584, 50 - disk, 2, 3, 2, 2048));

            // A limit lowered below usage leaves nothing of that resource, not a negative amount.
            asAdmin(() -> quotas.setLimits(t.id(), new ResourceAmounts(1, 4096, 50, 3, 3, 2, 2048)));
            assertThat(asUser(t.member().username(), () -> quotas.remaining(t.id())).vcpus()).isZero();
            assertThat(asAdmin(() -> quotas.overview()).stream().filter(o -> o.project().id() == t.id())
                    .findFirst().orElseThrow()).satisfies(o -> {
                        assertThat(o.usage().vcpus()).isEqualTo(4);
                        assertThat(o.overQuota()).isTrue();
                    });

            asAdmin(() -> tasks.await(vm.taskId(), Duration.ofSeconds(60)));
            asAdmin(() -> tasks.await(vms.delete(vm.vm().id()).taskId(), Duration.ofSeconds(60)));
        }
        assertThat(asAdmin(() -> quotas.usage(t.id()))).isEqualTo(ResourceAmounts.NONE);
    }

    @Test
    void usage_and_remaining_are_for_the_projects_viewers_and_administrators_only() {
        Tenant t = fixtures.tenant("q");
        Tenant other = fixtures.tenant("q-other");
        assertThatThrownBy(() -> asUser(other.owner().username(), () -> quotas.usage(t.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(other.owner().username(), () -> quotas.remaining(t.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(asAdmin(() -> quotas.remaining(t.id()))).isEqualTo(defaults.amounts());
    }

    @Test
    void near_means_eighty_percent_of_a_limit_and_over_means_above_it() {
        ResourceUse eight = new ResourceUse("vCPUs", "", 8, 10);
        assertThat(eight.near()).isTrue();
        assertThat(eight.over()).isFalse();
        assertThat(new ResourceUse("vCPUs", "", 7, 10).near()).isFalse();
        assertThat(new ResourceUse("VMs", "", 11, 10).over()).isTrue();
        assertThat(new ResourceUse("VMs", "", 0, 0).near()).isFalse();
        assertThat(new ResourceUse("Memory", "MiB", 1280, 1024).text()).isEqualTo("1280 / 1024 MiB memory");
    }

    @Test
    void limits_cannot_be_negative() {
        assertThatThrownBy(() -> new ResourceAmounts(-1, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
