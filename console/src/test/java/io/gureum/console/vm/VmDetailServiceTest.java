package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.audit.AuditRecord;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the VM page shows beside the VM itself: usage figures, audit entries, state changes. */
@ConsoleTest
class VmDetailServiceTest {

    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    ImageCatalog images;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    HostSummary simulated;
    HostSummary local;
    Fixtures.Tenant tenant;

    @BeforeEach
    void simulatedHostOnly() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("sim"), "test:///default", "", "")));
        asAdmin(() -> hosts.forPlacement().stream().filter(h -> !h.id().equals(simulated.id()))
                .forEach(h -> hosts.setMaintenance(h.id(), true)));
        local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .findFirst().orElse(null));
        tenant = fixtures.tenant("vmd");
    }

    @AfterEach
    void restoreHosts() {
        asAdmin(() -> {
            hosts.forPlacement().stream().filter(HostSummary::maintenance)
                    .forEach(h -> hosts.setMaintenance(h.id(), false));
            hosts.remove(simulated.id());
        });
    }

    private UUID running(String name) {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(
                new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null)));
        TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), TASK_TIMEOUT));
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        return created.vm().id();
    }

    @Test
    void a_viewer_reads_the_usage_figures_of_a_running_vm() {
        UUID id = running("stats");

        Optional<VmResourceStats> stats = asUser(tenant.viewer().username(), () -> vms.stats(id));

        assertThat(stats).hasValueSatisfying(s -> {
            assertThat(s.memoryActualMib()).isPositive();
            assertThat(s.cpuTimeNanos()).isNotNegative();
            assertThat(s.sampledAt()).isNotNull();
        });
        VirtualMachine row = repository.findById(id).orElseThrow();
        hosts.hypervisorOf(simulated.id()).forceOff(row.domainUuid());
        waitFor(id, VmStatus.STOPPED);
        assertThat(asUser(tenant.viewer().username(), () -> vms.stats(id))).isEmpty();
    }

    @Test
    void owners_see_the_vms_audit_entries_newest_first_and_members_are_told_why_not() {
        UUID id = running("audited");
        VmOperation reboot = asUser(tenant.member().username(), () -> vms.reboot(id));
        asAdmin(() -> tasks.await(reboot.taskId(), TASK_TIMEOUT));

        VmAuditTrail owners = asUser(tenant.owner().username(), () -> vms.auditTrail(id));
        assertThat(owners.visible()).isTrue();
        assertThat(owners.entries()).extracting(AuditRecord::target).containsOnly("vm audited");
        assertThat(owners.entries()).extracting(AuditRecord::action).contains("vm.create", "vm.reboot");
        assertThat(owners.entries()).extracting(AuditRecord::occurredAt)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(asAdmin(() -> vms.auditTrail(id)).entries()).hasSameSizeAs(owners.entries());

        VmAuditTrail members = asUser(tenant.member().username(), () -> vms.auditTrail(id));
        assertThat(members.visible()).isFalse();
        assertThat(members.entries()).isEmpty();
        assertThat(members.hiddenBecause()).contains("owners");
    }

    @Test
    void state_changes_seen_on_the_host_are_listed_with_from_to_and_reason() {
        UUID id = running("changes");
        VirtualMachine row = repository.findById(id).orElseThrow();

        hosts.hypervisorOf(simulated.id()).forceOff(row.domainUuid());
        waitFor(id, VmStatus.STOPPED);

        Instant deadline = Instant.now().plusSeconds(2);
        while (asUser(tenant.viewer().username(), () -> vms.stateChanges(id)).isEmpty()
                && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(asUser(tenant.viewer().username(), () -> vms.stateChanges(id))).first().satisfies(change -> {
            assertThat(change.from()).isEqualTo(VmStatus.RUNNING);
            assertThat(change.to()).isEqualTo(VmStatus.STOPPED);
            assertThat(change.at()).isNotNull();
        });
    }

    @Test
    void a_vm_is_made_on_a_configured_network_and_another_network_is_refused_with_the_choices() {
        assertThat(vms.networks()).containsExactly("default");
        long rows = repository.count();

        assertThatThrownBy(() -> asUser(tenant.member().username(), () -> vms.create(
                new NewVm("elsewhere", tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null, "secret-lan"))))
                .isInstanceOf(VmValidationException.class)
                .hasMessageContaining("no network 'secret-lan'").hasMessageContaining("[default]");
        assertThat(repository.count()).isEqualTo(rows);

        VmOperation created = asUser(tenant.member().username(), () -> vms.create(
                new NewVm("on-default", tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null, "default")));
        TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), TASK_TIMEOUT));
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void on_real_qemu_the_usage_figures_count_cpu_time() {
        if (local == null) {
            Requires.missing("no local libvirtd host registered (qemu:///system): run src/host/setup.sh");
        }
        asAdmin(() -> hosts.setMaintenance(local.id(), false));
        VmOperation created = asAdmin(() -> vms.create(new NewVm("qemu-stats", tenant.id(), ImageCatalog.TINY_LINUX, 1,
                256, local.id())));
        try {
            TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), TASK_TIMEOUT));
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            VmResourceStats first = asAdmin(() -> vms.stats(created.vm().id())).orElseThrow();
            sleep(500);
            VmResourceStats second = asAdmin(() -> vms.stats(created.vm().id())).orElseThrow();
            assertThat(second.cpuTimeNanos()).isGreaterThan(0).isGreaterThanOrEqualTo(first.cpuTimeNanos());
            assertThat(second.memoryUsedMib()).isPositive();
            assertThat(VmResourceStats.cpuPercent(first, second, 1)).isNotNull().isBetween(0.0, 100.0);
        } finally {
            asAdmin(() -> tasks.await(vms.delete(created.vm().id()).taskId(), TASK_TIMEOUT));
        }
    }

    private void waitFor(UUID id, VmStatus wanted) {
        Instant deadline = Instant.now().plusSeconds(2);
        while (repository.findById(id).orElseThrow().state() != wanted && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(wanted);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
