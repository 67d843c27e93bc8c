package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.ImageValidationException;
import io.gureum.console.image.VmImage;
import io.gureum.console.image.VmImageService;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.VolumeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A VM made from an uploaded image, on the simulated host (its base volume stands in for the image).
 * On real QEMU only "defined and started" is checked: a blank test disk holds no operating system.
 */
@ConsoleTest
class VmFromUploadedImageTest {

    @Autowired
    VmService vms;

    @Autowired
    VmImageService vmImages;

    @Autowired
    ImageCatalog catalog;

    @Autowired
    HostService hosts;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, Duration.ofSeconds(60)));
    }

    private VmImage upload(DiskFormat format) throws Exception {
        Path upload = vmImages.newUploadFile();
        Process qemuImg = new ProcessBuilder(List.of("qemu-img", "create", "-q", "-f", format.id(), upload.toString(),
                "64M")).inheritIO().start();
        assertThat(qemuImg.waitFor(60, TimeUnit.SECONDS) && qemuImg.exitValue() == 0).isTrue();
        return asAdmin(() -> vmImages.upload(Actors.unique("up"), format, upload));
    }

    @Test
    void a_vm_from_an_uploaded_qcow2_runs_on_the_simulated_host_and_the_image_stays_while_it_is_used()
            throws Exception {
        VmImage image = upload(DiskFormat.QCOW2);
        Fixtures.Tenant tenant = fixtures.tenant("upvm");

        try (SimulatedHost simulated = SimulatedHost.only(hosts, catalog)) {
            VmOperation created = asUser(tenant.member().username(),
                    () -> vms.create(new NewVm("from-upload", tenant.id(), image.id(), 1, 128, null)));
            TaskSummary task = await(created.taskId());
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            VmSummary vm = asUser(tenant.member().username(), () -> vms.get(created.vm().id()));
            assertThat(vm.state()).isEqualTo(VmStatus.RUNNING);
            assertThat(vm.imageId()).isEqualTo(image.id());
            Hypervisor hypervisor = hosts.hypervisorOf(simulated.summary().id());
            assertThat(hypervisor.volumeInfo(new VolumeRef(VmProvisioner.SIMULATED_POOL,
                    "base-" + image.id() + ".qcow2")).format()).isEqualTo(DiskFormat.QCOW2);

            assertThatThrownBy(() -> asAdmin(() -> vmImages.delete(image.id())))
                    .isInstanceOf(ImageValidationException.class).hasMessageContaining("from-upload");

            await(asUser(tenant.member().username(), () -> vms.delete(created.vm().id())).taskId());
            asAdmin(() -> vmImages.delete(image.id()));
            assertThat(catalog.find(image.id())).isEmpty();
        }
    }

    @Test
    void a_vm_from_an_uploaded_raw_image_runs_on_the_simulated_host_over_a_raw_base() throws Exception {
        VmImage image = upload(DiskFormat.RAW);
        Fixtures.Tenant tenant = fixtures.tenant("uprawvm");

        try (SimulatedHost simulated = SimulatedHost.only(hosts, catalog)) {
            VmOperation created = asUser(tenant.member().username(),
                    () -> vms.create(new NewVm("from-raw", tenant.id(), image.id(), 1, 128, null)));
            TaskSummary task = await(created.taskId());
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(hosts.hypervisorOf(simulated.summary().id()).volumeInfo(new VolumeRef(
                    VmProvisioner.SIMULATED_POOL, "base-" + image.id() + ".raw")).format()).isEqualTo(DiskFormat.RAW);
            await(asUser(tenant.member().username(), () -> vms.delete(created.vm().id())).taskId());
        } finally {
            asAdmin(() -> vmImages.delete(image.id()));
        }
    }

    /**
     * On real QEMU the uploaded (blank) disk is imported as the host's base volume and the VM is defined and
     * started booting from disk; there is no operating system on it, so only "running" is checked.
     */
    @Test
    void on_real_qemu_a_vm_from_an_uploaded_image_is_defined_and_started_from_its_disk() throws Exception {
        HostSummary local = asAdmin(() -> hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no local libvirtd host registered (qemu:///system): run src/host/setup.sh");
        }
        VmImage image = upload(DiskFormat.QCOW2);
        Fixtures.Tenant tenant = fixtures.tenant("upqemu");
        Hypervisor hypervisor = hosts.hypervisorOf(local.id());
        VolumeRef base = new VolumeRef(VmProvisioner.POOL, "base-" + image.id() + ".qcow2");
        try {
            VmOperation created = asAdmin(() -> vms.create(new NewVm("qemu-upload", tenant.id(), image.id(), 1, 128,
                    local.id())));
            TaskSummary task = await(created.taskId());
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            VirtualMachine row = repository.findById(created.vm().id()).orElseThrow();
            assertThat(row.state()).isEqualTo(VmStatus.RUNNING);
            assertThat(hypervisor.info(row.domainUuid()).state().isActive()).isTrue();
            assertThat(hypervisor.volumeInfo(base).format()).isEqualTo(DiskFormat.QCOW2);
            assertThat(await(asAdmin(() -> vms.delete(row.id())).taskId()).state()).isEqualTo(TaskState.SUCCEEDED);
        } finally {
            try {
                hypervisor.deleteVolume(base);
            } catch (RuntimeException notThere) {
                // the import failed before making it
            }
            asAdmin(() -> vmImages.delete(image.id()));
        }
    }
}
