package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditService;
import io.gureum.console.audit.Outcome;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** VMs through the console's service, on the simulated host (fast) and on real QEMU. */
@ConsoleTest
class VmServiceTest {

    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    QuotaService quotas;

    @Autowired
    TaskService tasks;

    @Autowired
    ImageCatalog images;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    @Autowired
    VmUsage usage;

    @Autowired
    AuditService audit;

    HostSummary simulated;
    HostSummary local;
    Fixtures.Tenant tenant;

    @BeforeEach
    void simulatedHostOnly() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        simulated = asAdmin(() -> hosts.register(new NewHost(Actors.unique("sim"), "test:///default", "", "")));
        // Automatic placement must land on the simulated host: the others take a break.
        asAdmin(() -> hosts.forPlacement().stream().filter(h -> !h.id().equals(simulated.id()))
                .forEach(h -> hosts.setMaintenance(h.id(), true)));
        local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .findFirst().orElse(null));
        tenant = fixtures.tenant("vm");
    }

    @AfterEach
    void restoreHosts() {
        asAdmin(() -> {
            hosts.forPlacement().stream().filter(HostSummary::maintenance)
                    .forEach(h -> hosts.setMaintenance(h.id(), false));
            hosts.remove(simulated.id());
        });
    }

    private NewVm tiny(String name) {
        return new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null);
    }

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, TASK_TIMEOUT));
    }

    @Test
    void a_member_creates_a_vm_that_is_placed_provisioned_and_running() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("web")));

        assertThat(created.vm().state()).isEqualTo(VmStatus.PROVISIONING);
        TaskSummary task = await(created.taskId());
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        VmSummary vm = asUser(tenant.member().username(), () -> vms.get(created.vm().id()));
        assertThat(vm.state()).isEqualTo(VmStatus.RUNNING);
        assertThat(vm.hostId()).isEqualTo(simulated.id());
        assertThat(vm.owner()).isEqualTo(tenant.member().username());
        assertThat(asUser(tenant.viewer().username(), () -> vms.list())).extracting(VmSummary::id)
                .contains(vm.id());
    }

    @Test
    void a_vm_stopped_outside_the_console_shows_stopped_within_two_seconds() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("outside")));
        await(created.taskId());
        VirtualMachine row = repository.findById(created.vm().id()).orElseThrow();

        // What an operator's "virsh destroy" does, straight on the host.
        hosts.hypervisorOf(simulated.id()).forceOff(row.domainUuid());

        Instant deadline = Instant.now().plusSeconds(2);
        while (repository.findById(row.id()).orElseThrow().state() != VmStatus.STOPPED
                && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(repository.findById(row.id()).orElseThrow().state()).isEqualTo(VmStatus.STOPPED);
    }

    @Test
    void a_force_off_ends_with_the_vm_stopped_and_a_late_started_event_does_not_undo_it() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("late-event")));
        await(created.taskId());
        VirtualMachine row = repository.findById(created.vm().id()).orElseThrow();
        Instant beforeForceOff = Instant.now();

        TaskSummary off = await(asUser(tenant.member().username(), () -> vms.forceOff(row.id())).taskId());

        // The task ends with the row saying what libvirt says, not when the "stopped" event arrives.
        assertThat(off.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(repository.findById(row.id()).orElseThrow().state()).isEqualTo(VmStatus.STOPPED);
        // The create's "started" event handled only now (a busy event thread) asks the host, which says stopped.
        stateSync.applyEvent(hosts.hypervisorOf(simulated.id()),
                new VmEvent(row.domainUuid(), row.name(), VmEvent.Type.STARTED, "booted", beforeForceOff));
        assertThat(repository.findById(row.id()).orElseThrow().state()).isEqualTo(VmStatus.STOPPED);
    }

    @Test
    void the_quota_refuses_a_vm_too_many_with_the_numbers_and_makes_nothing() {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(8, 8192, 10, 1, 5, 4, 4096)));
        VmOperation first = asUser(tenant.member().username(), () -> vms.create(tiny("one")));
        long rows = repository.count();

        assertThatThrownBy(() -> asUser(tenant.member().username(), () -> vms.create(tiny("two"))))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("1");
        assertThat(repository.count()).isEqualTo(rows);

        await(first.taskId());
        await(asUser(tenant.member().username(), () -> vms.delete(first.vm().id())).taskId());
        VmOperation again = asUser(tenant.member().username(), () -> vms.create(tiny("two")));
        assertThat(await(again.taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void a_vm_no_host_can_take_fails_with_the_reason_per_host_and_frees_its_quota() {
        asAdmin(() -> hosts.setMaintenance(simulated.id(), true));
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("nowhere")));

        TaskSummary task = await(created.taskId());

        assertThat(task.state()).isEqualTo(TaskState.FAILED);
        assertThat(task.message()).contains("No host can take this VM")
                .contains(simulated.name() + ": it is in maintenance").contains("What to do");
        VmSummary vm = asUser(tenant.member().username(), () -> vms.get(created.vm().id()));
        assertThat(vm.state()).isEqualTo(VmStatus.ERROR);
        assertThat(usage.usage(tenant.id()).vms()).isZero();
        // The audit log says it failed, not "success" with a failure's reason.
        assertThat(asAdmin(() -> audit.search(new AuditFilter(null, tenant.id(), "vm.create.failed", null, null,
                null)))).singleElement().satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo(Outcome.FAILURE);
                    assertThat(entry.detail()).contains("No host can take this VM");
                });
    }

    @Test
    void viewers_change_nothing_and_other_projects_see_nothing() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("mine")));
        await(created.taskId());
        UUID id = created.vm().id();
        Fixtures.Tenant other = fixtures.tenant("other");

        assertThatThrownBy(() -> asUser(tenant.viewer().username(), () -> vms.create(tiny("nope"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(tenant.viewer().username(), () -> vms.forceOff(id)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(tenant.viewer().username(), () -> vms.delete(id)))
                .isInstanceOf(AccessDeniedException.class);
        for (String stranger : new String[] {other.owner().username(), other.member().username()}) {
            assertThat(asUser(stranger, () -> vms.list())).extracting(VmSummary::id).doesNotContain(id);
            assertThatThrownBy(() -> asUser(stranger, () -> vms.get(id))).isInstanceOf(VmNotFoundException.class);
            assertThatThrownBy(() -> asUser(stranger, () -> vms.start(id))).isInstanceOf(VmNotFoundException.class);
            assertThatThrownBy(() -> asUser(stranger, () -> vms.delete(id))).isInstanceOf(VmNotFoundException.class);
        }
    }

    @Test
    void bad_requests_are_refused_before_anything_is_made() {
        long rows = repository.count();
        for (NewVm bad : new NewVm[] {
                new NewVm("Bad Name", tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null),
                new NewVm("ok", tenant.id(), ImageCatalog.TINY_LINUX, 0, 128, null),
                new NewVm("ok", tenant.id(), ImageCatalog.TINY_LINUX, 1, 1, null),
                new NewVm("ok", tenant.id(), "/etc/passwd", 1, 128, null)}) {
            assertThatThrownBy(() -> asUser(tenant.member().username(), () -> vms.create(bad)))
                    .isInstanceOf(VmValidationException.class);
        }
        assertThat(repository.count()).isEqualTo(rows);
    }

    @Test
    void on_real_qemu_a_vm_boots_from_a_copy_on_write_disk_and_delete_removes_it() {
        if (local == null) {
            Requires.missing("no local libvirtd host registered (qemu:///system): run src/host/setup.sh");
        }
        asAdmin(() -> hosts.setMaintenance(local.id(), false));
        VmOperation created = asAdmin(() -> vms.create(new NewVm("qemu-boot", tenant.id(), ImageCatalog.TINY_LINUX, 1,
                256, local.id())));
        TaskSummary task = await(created.taskId());
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        VirtualMachine row = repository.findById(created.vm().id()).orElseThrow();
        assertThat(row.state()).isEqualTo(VmStatus.RUNNING);

        var hypervisor = hosts.hypervisorOf(local.id());
        Instant deadline = Instant.now().plusSeconds(30);
        String serial = "";
        while (!serial.contains("GUREUM-GUEST-READY hostname=qemu-boot") && Instant.now().isBefore(deadline)) {
            sleep(250);
            serial = hypervisor.serialLogTail(row.domainUuid(), 8192);
        }
        assertThat(serial).contains("GUREUM-GUEST-READY hostname=qemu-boot");
        assertThat(hypervisor.listVolumes(VmProvisioner.POOL)).anySatisfy(volume ->
                assertThat(volume.backingPath()).isPresent());

        assertThat(await(asAdmin(() -> vms.delete(row.id())).taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThatThrownBy(() -> hypervisor.info(row.domainUuid())).isInstanceOf(HypervisorException.NotFound.class);
        assertThat(repository.findById(row.id()).orElseThrow().state()).isEqualTo(VmStatus.DELETED);
    }

    @Autowired
    InterruptedVmTasks interrupted;

    @Autowired
    io.gureum.console.quota.QuotaRecount recount;

    @Test
    void the_recount_against_the_hosts_reports_a_vm_removed_outside_the_console() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("vanished")));
        await(created.taskId());
        UUID domain = repository.findById(created.vm().id()).orElseThrow().domainUuid();
        var hypervisor = hosts.hypervisorOf(simulated.id());
        hypervisor.forceOff(domain);
        hypervisor.undefine(domain); // an operator removes it by hand: the quota still counts it

        assertThat(recount.recount()).noneMatch(d -> d.projectId() == tenant.id()); // seen once: not yet drift
        assertThat(recount.recount()).anySatisfy(d -> {
            assertThat(d.projectId()).isEqualTo(tenant.id());
            assertThat(d.kind()).isEqualTo("vms");
            assertThat(d.recorded()).isEqualTo(1);
            assertThat(d.found()).isZero();
            assertThat(d.detail()).contains("vanished on " + simulated.name());
        });
        assertThat(asAdmin(() -> recount.latest())).anyMatch(d -> d.projectId() == tenant.id());
    }

    @Test
    void a_vm_with_restart_policy_always_is_started_again_after_an_outside_stop_but_not_after_a_console_stop() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("kept")));
        await(created.taskId());
        UUID id = created.vm().id();
        asUser(tenant.member().username(), () -> vms.setRestartPolicy(id, RestartPolicy.ALWAYS));
        UUID domain = repository.findById(id).orElseThrow().domainUuid();

        hosts.hypervisorOf(simulated.id()).forceOff(domain); // someone pulls the plug outside the console

        // The stop is seen and undone (on the test driver within milliseconds, so the STOPPED
        // moment itself is too short to poll for): a system task started it again.
        Instant deadline = Instant.now().plusSeconds(10);
        while (asAdmin(() -> tasks.forTarget("vm", id.toString())).stream()
                .noneMatch(t -> t.action().equals("vm.restart-by-policy") && t.state() == TaskState.SUCCEEDED)
                && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(asAdmin(() -> tasks.forTarget("vm", id.toString()))).anySatisfy(task -> {
            assertThat(task.action()).isEqualTo("vm.restart-by-policy");
            assertThat(task.actor()).isEqualTo("system");
            assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        });
        waitFor(id, VmStatus.RUNNING, Duration.ofSeconds(2));
        assertThat(hosts.hypervisorOf(simulated.id()).info(domain).state().isActive()).isTrue();

        await(asUser(tenant.member().username(), () -> vms.forceOff(id)).taskId());
        waitFor(id, VmStatus.STOPPED, Duration.ofSeconds(2));
        sleep(1500);
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(VmStatus.STOPPED);
    }

    @Test
    void a_failed_action_carries_the_hypervisors_message_and_what_to_do() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("twice")));
        await(created.taskId());

        TaskSummary again = await(asUser(tenant.member().username(), () -> vms.start(created.vm().id())).taskId());

        assertThat(again.state()).isEqualTo(TaskState.FAILED);
        assertThat(again.message()).containsIgnoringCase("running")
                .contains("What to do: The VM is not in a state that allows this");
    }

    @Autowired
    VmStateSync stateSync;

    @Test
    void a_resync_listing_taken_before_an_event_does_not_undo_what_the_event_recorded() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("stale")));
        await(created.taskId());
        UUID id = created.vm().id();
        UUID domain = repository.findById(id).orElseThrow().domainUuid();
        Instant listedAt = Instant.now();
        List<io.gureum.hypervisor.VmInfo> listing = hosts.hypervisorOf(simulated.id()).listAll(); // it runs here

        hosts.hypervisorOf(simulated.id()).forceOff(domain); // then stops outside the console: the event records it
        waitFor(id, VmStatus.STOPPED, Duration.ofSeconds(2));

        stateSync.reconcile(simulated.id(), listing, listedAt); // the periodic resync ends with its older listing
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(VmStatus.STOPPED);

        stateSync.reconcile(simulated.id(), listing, Instant.now()); // a listing newer than the row is applied
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void suspend_and_resume_follow_on_the_host() {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("pause")));
        await(created.taskId());
        UUID id = created.vm().id();

        await(asUser(tenant.member().username(), () -> vms.suspend(id)).taskId());
        waitFor(id, VmStatus.PAUSED, Duration.ofSeconds(2));
        await(asUser(tenant.member().username(), () -> vms.resume(id)).taskId());
        waitFor(id, VmStatus.RUNNING, Duration.ofSeconds(2));
    }

    private void waitFor(UUID id, VmStatus wanted, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (repository.findById(id).orElseThrow().state() != wanted && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(wanted);
    }

    @Test
    void a_create_interrupted_by_a_restart_leaves_no_domain_and_ends_in_error() {
        // What a restart leaves: a VM row PROVISIONING, placed, its domain defined, its UUID never recorded.
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(tiny("halfway")));
        await(created.taskId());
        VirtualMachine row = repository.findById(created.vm().id()).orElseThrow();
        UUID domain = row.domainUuid();
        row.observed(VmStatus.PROVISIONING, "provisioning", Instant.now());
        row.defined(null, Instant.now());
        repository.save(row);

        interrupted.interrupted(new io.gureum.console.task.TaskEvents.TaskInterrupted(UUID.randomUUID(), "vm.create",
                "vm", row.id().toString()));

        VirtualMachine after = repository.findById(row.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(VmStatus.ERROR);
        assertThat(after.summary(null).errorMessage()).contains("its domain and disk were removed");
        assertThatThrownBy(() -> hosts.hypervisorOf(simulated.id()).info(domain))
                .isInstanceOf(HypervisorException.NotFound.class);
        assertThat(usage.usage(tenant.id()).vms()).isZero();
        assertThat(asAdmin(() -> audit.search(new AuditFilter(null, tenant.id(), "vm.create.failed", null, null,
                null)))).singleElement().satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo(Outcome.FAILURE);
                    assertThat(entry.detail()).isEqualTo("interrupted by a console restart");
                });
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
