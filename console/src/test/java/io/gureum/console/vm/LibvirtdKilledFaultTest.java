package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerStatus;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaRecount;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HostDaemons;
import io.gureum.console.testsupport.Requires;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A fault tried for real: {@code kill -9} libvirtd (qemu:///system) while a VM is being created, then start it
 * again as the host setup does. Nothing may be lost or left behind.
 */
@ConsoleTest
@Tag("fault")
class LibvirtdKilledFaultTest {

    static final java.nio.file.Path POOL_PATH = java.nio.file.Path.of("/var/lib/gureum/pools/default");

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    @Autowired
    QuotaRecount recount;

    @Autowired
    VmProvisioner provisioner;

    @Autowired
    ContainerService containers;

    private UUID made;
    private UUID madeOn;

    /** Whatever happens in the test, its VM is not left on the host for later runs. */
    @AfterEach
    void removeWhatWasMade() {
        if (made != null) {
            repository.findById(made).ifPresent(vm -> {
                Hypervisor hypervisor = hosts.hypervisorOf(madeOn);
                hypervisor.findByName(vm.domainName()).ifPresent(d -> provisioner.removeQuietly(hypervisor, d.id()));
            });
        }
    }

    @Test
    void libvirtd_killed_during_a_vm_create_leaves_a_finished_task_no_orphans_and_a_host_that_comes_back_up() {
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no local libvirtd host registered (qemu:///system): run src/host/setup.sh");
        }
        HostDaemons.libvirtdPid();
        Fixtures.Tenant tenant = fixtures.tenant("fault-libvirtd");
        asAdmin(() -> hosts.setMaintenance(local.id(), false));
        // A host registered before its first VM has no pool yet, and placement sees 0 B free (issue 11, part 2).
        hosts.hypervisorOf(local.id()).ensureDirectoryPool(VmProvisioner.POOL, POOL_PATH);
        asAdmin(() -> hosts.refresh(local.id()));
        VmOperation created = asAdmin(() -> vms.create(new NewVm("killed" + System.nanoTime() % 100_000, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, local.id())));
        UUID vmId = created.vm().id();
        made = vmId;
        madeOn = local.id();

        HostSummary whileDown;
        ContainerOperation containerWhileDown = null;
        try {
            // Killed once the task defines or starts the domain: libvirt calls in flight.
            awaitProgress(created.taskId(), 30);
            HostDaemons.killLibvirtd();
            whileDown = asAdmin(() -> hosts.refresh(local.id())); // what the host monitor does every 15 s
            if (local.containerEndpoint() != null) {
                // Containers do not depend on libvirt: one is placed on this host and runs while libvirtd is down.
                containerWhileDown = Actors.asUser(tenant.member().username(), () -> containers.create(
                        new NewContainer("nolibvirt", tenant.id(), null, "sleep 600", Map.of(), 0.5, 64, "no",
                                null)));
                UUID containerTask = containerWhileDown.taskId();
                TaskSummary placed = asAdmin(() -> tasks.await(containerTask, Duration.ofSeconds(60)));
                assertThat(placed.state()).as("container task while libvirtd is down: " + placed.message())
                        .isEqualTo(TaskState.SUCCEEDED);
            }
        } finally {
            HostDaemons.startLibvirtd();
            awaitHostUp(local.id()); // later tests of the run need the host placeable again
        }
        assertThat(whileDown.status()).isEqualTo(HostStatus.UNREACHABLE);
        assertThat(whileDown.statusText()).doesNotContain("Exception");
        assertThat(whileDown.acceptsPlacements()).as("VMs while libvirtd is down").isFalse();
        if (containerWhileDown != null) {
            assertThat(whileDown.acceptsContainers()).as("containers while libvirtd is down: " + whileDown.engineText())
                    .isTrue();
            UUID containerId = containerWhileDown.container().id();
            assertThat(asAdmin(() -> containers.get(containerId)).state()).isEqualTo(ContainerStatus.RUNNING);
            TaskSummary removed = asAdmin(() -> tasks.await(asAdmin(() -> containers.delete(containerId)).taskId(),
                    Duration.ofSeconds(60)));
            assertThat(removed.state()).as(removed.message()).isEqualTo(TaskState.SUCCEEDED);
        }

        HostSummary back = awaitHostUp(local.id());
        assertThat(back.status()).isEqualTo(HostStatus.UP);

        TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(90)));
        assertThat(task.state()).as("task " + task.message()).isIn(TaskState.SUCCEEDED, TaskState.FAILED);
        assertThat(asAdmin(() -> tasks.forTarget("vm", vmId.toString()))).allMatch(TaskSummary::finished);

        VirtualMachine row = repository.findById(vmId).orElseThrow();
        Hypervisor hypervisor = hosts.hypervisorOf(local.id());
        if (task.state() == TaskState.FAILED) {
            assertThat(row.state()).isEqualTo(VmStatus.ERROR);
            assertThat(row.summary(null).errorMessage()).doesNotContain("Exception");
            awaitNoLeftovers(hypervisor, row);
        } else {
            // The console tells the truth again: the VM runs (it was UNKNOWN while the host did not answer).
            assertThat(awaitState(vmId, VmStatus.RUNNING)).isEqualTo(VmStatus.RUNNING);
            assertThat(hypervisor.findByName(row.domainName())).isPresent();
        }

        // Quota usage equals what lives on the hosts (two recounts: drift must be seen twice to count).
        recount.recount();
        assertThat(recount.recount()).noneMatch(d -> d.projectId() == tenant.id());
        // The database took every write and still does.
        assertThat(fixtures.user("after-libvirtd")).isNotNull();

        if (task.state() == TaskState.SUCCEEDED) {
            TaskSummary deleted = asAdmin(() -> tasks.await(asAdmin(() -> vms.delete(vmId)).taskId(),
                    Duration.ofSeconds(60)));
            assertThat(deleted.state()).as(deleted.message()).isEqualTo(TaskState.SUCCEEDED);
            awaitNoLeftovers(hypervisor, row);
        }
    }

    private void awaitProgress(UUID taskId, int percent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            TaskSummary task = asAdmin(() -> tasks.get(taskId));
            if (task.progress() >= percent || task.finished()) {
                return;
            }
            sleep(2);
        }
        throw new AssertionError("task " + taskId + " did not reach " + percent + " % within 60 s");
    }

    private HostSummary awaitHostUp(UUID hostId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HostSummary host = null;
        while (System.nanoTime() < deadline) {
            host = asAdmin(() -> hosts.refresh(hostId));
            if (host.status() == HostStatus.UP) {
                return host;
            }
            sleep(500);
        }
        return host;
    }

    private VmStatus awaitState(UUID vmId, VmStatus wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        VmStatus state = null;
        while (System.nanoTime() < deadline) {
            state = repository.findById(vmId).orElseThrow().state();
            if (state == wanted) {
                return state;
            }
            sleep(250);
        }
        return state;
    }

    /** No domain of the VM and no disk named after it: what the create made is gone. */
    private static void awaitNoLeftovers(Hypervisor hypervisor, VirtualMachine vm) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean domain = hypervisor.findByName(vm.domainName()).isPresent();
            boolean disk;
            try {
                disk = hypervisor.listVolumes(VmProvisioner.POOL).stream()
                        .anyMatch(v -> v.ref().volume().startsWith(vm.domainName() + "-disk"));
            } catch (HypervisorException.NotFound noPool) {
                disk = false;
            }
            if (!domain && !disk) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("left on the host after 60 s: " + (domain ? "domain " : "")
                        + (disk ? "disk " : "") + "of " + vm.domainName());
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
