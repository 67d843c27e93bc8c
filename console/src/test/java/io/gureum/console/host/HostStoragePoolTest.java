package io.gureum.console.host;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmStatus;
import io.gureum.console.vm.VmSummary;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.PoolInfo;
import io.gureum.hypervisor.VolumeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A host with no storage pool at all, on the real libvirtd: registering it makes the pool, placement then takes
 * a 1 GiB VM there, and a pool removed by hand is made again by the next host check. Each test uses a pool name
 * and directory of its own, never the shared pool other tests and people use.
 */
@ConsoleTest
@RecordApplicationEvents
class HostStoragePoolTest {

    private static final Path TEST_POOLS = Path.of("/var/lib/gureum/test-pools");

    @Autowired
    HostService hosts;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    ImageCatalog images;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEvents events;

    String pool;
    Path poolPath;
    HostSummary host;
    final List<UUID> parked = new ArrayList<>();

    @BeforeEach
    void a_pool_name_and_directory_nobody_else_uses() {
        if (!Files.exists(Path.of("/var/run/libvirt/libvirt-sock"))) {
            Requires.missing("no libvirtd on this machine (no /var/run/libvirt/libvirt-sock): run src/host/setup.sh");
        }
        pool = "gureum-t-" + UUID.randomUUID().toString().substring(0, 8);
        poolPath = TEST_POOLS.resolve(pool);
    }

    @AfterEach
    void remove_the_host_its_vms_volumes_and_pool() {
        asAdmin(() -> parked.forEach(id -> hosts.setMaintenance(id, false)));
        if (host != null) {
            Hypervisor hypervisor = hosts.hypervisorOf(host.id());
            try {
                // Overlays first: a base still backing an overlay is refused.
                hypervisor.listVolumes(pool).stream()
                        .sorted(Comparator.comparing((VolumeInfo v) -> v.backingPath().isEmpty()))
                        .forEach(v -> hypervisor.deleteVolume(v.ref()));
            } catch (HypervisorException.NotFound noPool) {
                // it was never made, or the test removed it
            }
            asAdmin(() -> hosts.remove(host.id()));
        }
        virsh("pool-destroy", pool);
        virsh("pool-delete", pool); // its directory, wherever it is (empty by now)
        virsh("pool-undefine", pool);
        deleteDirectory(poolPath);
    }

    @Test
    void registering_a_host_without_a_pool_makes_it_and_placement_then_takes_a_1_gib_vm_there() {
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        assertThat(poolPath).doesNotExist();
        Fixtures.Tenant tenant = fixtures.tenant("pool");

        host = asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(), "qemu:///system", "", domainType()),
                pool, poolPath));

        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.storagePool().name()).isEqualTo(pool);
        assertThat(host.storagePool().active()).isTrue();
        assertThat(host.storagePool().problem()).isNull();
        assertThat(host.storageAvailableBytes()).isGreaterThanOrEqualTo(1L << 30);
        assertThat(host.storagePoolText()).startsWith("Storage pool " + pool + " at " + poolPath + ": active, ")
                .contains("created by the console");
        assertThat(poolPath).isDirectory();
        assertThat(HostsView.details(host).getChildren().map(c -> c.getElement().getText()))
                .contains(host.storagePoolText());
        PoolInfo made = hosts.hypervisorOf(host.id()).poolInfo(pool);
        assertThat(made.active()).isTrue();
        assertThat(made.type()).isEqualTo("dir");
        assertThat(events.stream(HostEvents.HostStoragePoolMade.class))
                .anySatisfy(e -> {
                    assertThat(e.hostId()).isEqualTo(host.id());
                    assertThat(e.action()).isEqualTo("host.storage-pool-created");
                });

        // Only this host may take it: automatic placement must choose it for its free storage.
        parkAllBut(host.id());
        VmOperation created = asAdmin(() -> vms.create(new NewVm("first-vm", tenant.id(), ImageCatalog.TINY_LINUX,
                1, 256, null)));
        TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(180)));
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        VmSummary vm = asAdmin(() -> vms.get(created.vm().id()));
        assertThat(vm.diskGib()).isEqualTo(1);
        assertThat(vm.hostId()).isEqualTo(host.id());
        assertThat(vm.state()).isEqualTo(VmStatus.RUNNING);
        assertThat(hosts.hypervisorOf(host.id()).listVolumes(pool))
                .anySatisfy(volume -> assertThat(volume.backingPath()).isPresent());

        TaskSummary deleted = asAdmin(() -> tasks.await(vms.delete(vm.id()).taskId(), Duration.ofSeconds(120)));
        assertThat(deleted.state()).as(deleted.message()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void a_pool_removed_by_hand_or_stopped_is_made_again_by_the_next_host_check() {
        host = asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(), "qemu:///system", "", domainType()),
                pool, poolPath));
        assertThat(host.storagePool().active()).isTrue();

        // Stopped by hand, and its (empty) directory removed: built and started again.
        virsh("pool-destroy", pool);
        deleteDirectory(poolPath);
        HostSummary started = asAdmin(() -> hosts.refresh(host.id()));
        assertThat(started.storagePool().active()).isTrue();
        assertThat(started.storagePoolText()).contains("started by the console");
        assertThat(hosts.hypervisorOf(host.id()).poolInfo(pool).active()).isTrue();
        assertThat(poolPath).isDirectory();

        // Removed by hand, directory and all (or libvirtd's state wiped): made again.
        virsh("pool-destroy", pool);
        virsh("pool-undefine", pool);
        deleteDirectory(poolPath);
        assertThatThrownBy(() -> hosts.hypervisorOf(host.id()).poolInfo(pool))
                .isInstanceOf(HypervisorException.NotFound.class);
        hosts.refreshAll(); // the monitor's pass
        HostSummary remade = asAdmin(() -> hosts.get(host.id()));
        assertThat(remade.storagePool().active()).isTrue();
        assertThat(remade.storagePool().problem()).isNull();
        assertThat(remade.storagePoolText()).contains("created by the console");
        assertThat(remade.storageAvailableBytes()).isPositive();
        assertThat(poolPath).isDirectory();
    }

    @Test
    void a_pool_that_cannot_be_made_is_explained_on_the_host_and_by_placement_and_nothing_is_left_defined() {
        Path impossible = Path.of("/proc", pool); // no directory can be made there
        host = asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(), "qemu:///system", "", domainType()),
                pool, impossible));

        assertThat(host.status()).isEqualTo(HostStatus.UP);
        assertThat(host.storagePool().active()).isFalse();
        assertThat(host.storagePool().problem()).contains("Check that libvirtd on the host can create and use the "
                + "directory " + impossible);
        assertThat(host.storagePoolText()).startsWith("Storage pool " + pool + " at " + impossible
                + ": could not be made: ");
        assertThat(host.storageAvailableBytes()).isZero();
        assertThat(HostsView.storageFree(host)).isEqualTo("no pool");
        assertThatThrownBy(() -> hosts.hypervisorOf(host.id()).poolInfo(pool))
                .isInstanceOf(HypervisorException.NotFound.class);

        Fixtures.Tenant tenant = fixtures.tenant("nopool");
        if (!images.bootImages().isEmpty()) {
            VmOperation refused = asAdmin(() -> vms.create(new NewVm("no-pool", tenant.id(), ImageCatalog.TINY_LINUX,
                    1, 256, host.id())));
            TaskSummary task = asAdmin(() -> tasks.await(refused.taskId(), Duration.ofSeconds(60)));
            assertThat(task.state()).isEqualTo(TaskState.FAILED);
            assertThat(task.message()).contains(host.name() + ": its storage pool " + pool + " could not be made");
        }
    }

    @Test
    void a_pool_of_that_name_made_by_hand_elsewhere_is_not_used_and_the_host_page_says_why() throws Exception {
        Path elsewhere = TEST_POOLS.resolve(pool + "-by-hand");
        assertThat(new ProcessBuilder("virsh", "-q", "-c", "qemu:///system", "pool-define-as", pool, "dir",
                "--target", elsewhere.toString()).start().waitFor()).isZero();
        virsh("pool-build", pool);
        virsh("pool-start", pool);
        assertThat(hostsPoolIsActive()).isTrue();

        host = asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(), "qemu:///system", "",
                domainType()), pool, poolPath));

        assertThat(host.storagePool().active()).isFalse();
        assertThat(host.storagePool().problem()).contains("exists on the host with another type or directory");
        assertThat(host.storageAvailableBytes()).isZero();
        assertThat(poolPath).doesNotExist(); // nothing was made next to the operator's pool
    }

    private boolean hostsPoolIsActive() throws Exception {
        Process p = new ProcessBuilder("virsh", "-q", "-c", "qemu:///system", "pool-info", pool).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.matches("(?s).*State:\\s+running.*");
    }

    @Test
    void a_pool_name_or_directory_that_is_not_safe_is_refused_at_registration() {
        assertThatThrownBy(() -> asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(),
                "test:///default", "", ""), "bad name", Path.of("/var/lib/x"))))
                .isInstanceOf(HostValidationException.class).hasMessageContaining("Storage pool name 'bad name'");
        assertThatThrownBy(() -> asAdmin(() -> hosts.register(new NewHost(HostServiceTest.uniqueName(),
                "test:///default", "", ""), "ok", Path.of("/var/lib/../etc"))))
                .isInstanceOf(HostValidationException.class).hasMessageContaining("absolute, normalised");
    }

    /** The domain type the first start chose for this server (KVM may be offered but hang guests here). */
    private String domainType() {
        return asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .map(h -> h.domainType().toLowerCase()).findFirst().orElse(""));
    }

    private void parkAllBut(UUID keep) {
        asAdmin(() -> hosts.forPlacement().stream()
                .filter(h -> !h.id().equals(keep) && !h.maintenance())
                .forEach(h -> {
                    hosts.setMaintenance(h.id(), true);
                    parked.add(h.id());
                }));
    }

    /** libvirt's own client, for what an operator does by hand (fixed arguments, no shell). */
    private static void virsh(String command, String poolName) {
        try {
            Process p = new ProcessBuilder("virsh", "-q", "-c", "qemu:///system", command, poolName)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("virsh " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteDirectory(Path dir) {
        if (dir == null || !dir.startsWith(TEST_POOLS) || !Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
