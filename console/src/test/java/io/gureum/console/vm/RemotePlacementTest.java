package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.DirectRows;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.SecondHost;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.VolumeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Placement across two real hosts: with this server's libvirtd full, a VM lands on the second host (another libvirtd,
 * reached over qemu+ssh), its base image is uploaded there through libvirt, and the guest boots. One real boot.
 */
@ConsoleTest
class RemotePlacementTest {

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

    @Autowired
    JdbcTemplate jdbc;

    @Value("${gureum.data-dir}")
    Path dataDir;

    @Value("${gureum.placement.cpu-overcommit:4.0}")
    double cpuOvercommit;

    @Test
    void a_vm_goes_to_the_second_host_when_the_first_is_full_and_boots_from_an_image_uploaded_there()
            throws Exception {
        SecondHost.require();
        if (images.bootImages().isEmpty()) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .findFirst().orElse(null));
        if (local == null || local.status() != HostStatus.UP) {
            Requires.missing("no local libvirtd host registered (qemu:///system): run src/host/setup.sh");
        }
        SecondHost.trust(asAdmin(hosts::consoleSshPublicKey), dataDir.resolve("ssh/known_hosts"));
        HostSummary remote = asAdmin(() -> hosts.register(new NewHost(
                io.gureum.console.testsupport.Actors.unique("remote"), SecondHost.URI, "", "qemu")));
        // Only the two real hosts take placements; whatever else the shared context registered takes a break.
        List<UUID> paused = new ArrayList<>();
        asAdmin(() -> hosts.forPlacement().stream()
                .filter(h -> !h.maintenance() && !h.id().equals(local.id()) && !h.id().equals(remote.id()))
                .forEach(h -> {
                    hosts.setMaintenance(h.id(), true);
                    paused.add(h.id());
                }));
        // This server is full: another project's VM holds every vCPU it may hand out.
        UUID filler = DirectRows.vm(jdbc, fixtures.tenant("fill").id(), "filler", "PROVISIONING");
        jdbc.update("update virtual_machine set host_id = ?, vcpus = ? where id = ?", local.id(),
                (int) Math.floor(local.cpus() * cpuOvercommit), filler);
        Fixtures.Tenant tenant = fixtures.tenant("far");
        UUID vmId = null;
        try {
            long started = System.nanoTime();
            VmOperation created = asAdmin(() -> vms.create(new NewVm("far-boot", tenant.id(), ImageCatalog.TINY_LINUX,
                    1, 256, null)));
            vmId = created.vm().id();
            UUID taskId = created.taskId();
            TaskSummary task = asAdmin(() -> tasks.await(taskId, Duration.ofSeconds(120)));
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            System.out.printf("VM placed, image uploaded and started on the remote host in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            VirtualMachine row = repository.findById(vmId).orElseThrow();
            assertThat(row.hostId()).as("placed on the second host").isEqualTo(remote.id());
            assertThat(row.state()).isEqualTo(VmStatus.RUNNING);

            Hypervisor far = asAdmin(() -> hosts.hypervisorOf(remote.id()));
            String pool = asAdmin(() -> hosts.get(remote.id())).storagePool().name();
            assertThat(far.listVolumes(pool)).extracting(v -> v.ref().volume())
                    .anyMatch(name -> name.startsWith("base-" + ImageCatalog.TINY_LINUX));
            assertThat(far.listVolumes(pool)).filteredOn(v -> v.backingPath().isPresent())
                    .extracting(VolumeInfo::ref).isNotEmpty();
            assertGuestPrintedItsMarker(row.domainUuid(), "far-boot");
        } finally {
            if (vmId != null) {
                UUID id = vmId;
                UUID deleteTask = asAdmin(() -> vms.delete(id)).taskId();
                asAdmin(() -> tasks.await(deleteTask, Duration.ofSeconds(60)));
            }
            jdbc.update("delete from virtual_machine where id = ?", filler);
            asAdmin(() -> {
                paused.forEach(id -> hosts.setMaintenance(id, false));
                hosts.remove(remote.id());
            });
        }
    }

    /**
     * The serial log is a file on the second host (its /var/log/libvirt is a directory of this machine): read there,
     * as an admin logged into the host would. The console's serial terminal is not used for a remote VM: see
     * docs/operations.md.
     */
    static void assertGuestPrintedItsMarker(UUID domain, String hostname) throws Exception {
        Path log = Path.of("/var/lib/gureum/host2/log-libvirt/qemu/gureum-" + domain + "-serial.log");
        String marker = "GUREUM-GUEST-READY hostname=" + hostname;
        String text = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !text.contains(marker)) {
            Thread.sleep(500);
            text = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        assertThat(text).as("serial log of the VM on the second host (%s)", log).contains(marker);
    }
}
