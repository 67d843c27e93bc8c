package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.NewHost;
import io.gureum.console.image.BootImage;
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
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.VolumeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** A volume already in a host's pool recorded as a VM base image, usable on that host only. */
@ConsoleTest
class VmFromHostVolumeTest {

    @Autowired
    VmImageService images;

    @Autowired
    ImageCatalog catalog;

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

    HostSummary holder;
    HostSummary other;
    final List<String> made = new ArrayList<>();
    final List<UUID> vmsMade = new ArrayList<>();

    @BeforeEach
    void twoSimulatedHosts() {
        holder = asAdmin(() -> hosts.register(new NewHost(Actors.unique("vol"), "test:///default", "", "")));
        other = asAdmin(() -> hosts.register(new NewHost(Actors.unique("vol"), "test:///default", "", "")));
    }

    @AfterEach
    void cleanUp() {
        asAdmin(() -> {
            vmsMade.forEach(id -> tasks.await(vms.delete(id).taskId(), Duration.ofSeconds(60)));
            made.forEach(images::delete);
            hosts.remove(holder.id());
            hosts.remove(other.id());
        });
    }

    private String volume(DiskFormat format) {
        String name = Actors.unique("vol") + "." + format.id();
        hosts.hypervisorOf(holder.id()).createVolume(new VolumeRef(VmImageService.poolOf(holder), name), 64L << 20, format);
        return name;
    }

    @Test
    void an_admin_makes_an_image_of_a_stand_alone_volume_and_vms_from_it_run_on_that_host_only() {
        String volume = volume(DiskFormat.QCOW2);
        assertThat(asAdmin(() -> images.hostVolumes(holder.id()))).anySatisfy(v ->
                assertThat(v.ref().volume()).isEqualTo(volume));

        VmImage image = asAdmin(() -> images.importHostVolume("", holder.id(), volume));
        made.add(image.id());

        assertThat(image.name()).isEqualTo(volume);
        assertThat(image.source()).isEqualTo(VmImage.HOST_VOLUME);
        assertThat(image.hostId()).isEqualTo(holder.id());
        BootImage boot = catalog.find(image.id()).orElseThrow();
        assertThat(boot.onlyOnHost()).isEqualTo(holder.id());
        assertThat(boot.hostVolume()).isEqualTo(volume);

        Fixtures.Tenant tenant = fixtures.tenant("vol");
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(
                new NewVm("from-volume", tenant.id(), image.id(), 1, 128, null)));
        vmsMade.add(created.vm().id());
        TaskSummary task = asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(60)));
        assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(repository.findById(created.vm().id()).orElseThrow().hostId()).isEqualTo(holder.id());

        assertThatThrownBy(() -> asAdmin(() -> vms.create(new NewVm("elsewhere", tenant.id(), image.id(), 1, 128,
                other.id())))).isInstanceOf(VmValidationException.class).hasMessageContaining("that host only");
    }

    @Test
    void volumes_with_a_backing_file_missing_volumes_and_non_admins_are_refused() {
        String base = volume(DiskFormat.QCOW2);
        String overlay = Actors.unique("overlay") + ".qcow2";
        String pool = VmImageService.poolOf(holder);
        hosts.hypervisorOf(holder.id()).createOverlay(new VolumeRef(pool, overlay), new VolumeRef(pool, base),
                DiskFormat.QCOW2);

        assertThatThrownBy(() -> asAdmin(() -> images.importHostVolume("layered", holder.id(), overlay)))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("backing file");
        assertThatThrownBy(() -> asAdmin(() -> images.importHostVolume("ghost", holder.id(), "no-such.qcow2")))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("has no volume");
        Fixtures.Tenant tenant = fixtures.tenant("vol");
        assertThatThrownBy(() -> asUser(tenant.owner().username(), () -> images.importHostVolume("mine", holder.id(),
                base))).isInstanceOf(AccessDeniedException.class);
    }
}
