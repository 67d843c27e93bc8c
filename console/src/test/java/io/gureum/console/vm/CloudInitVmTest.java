package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.identity.SshKeyService;
import io.gureum.console.image.CloudInitImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.VmImage;
import io.gureum.console.image.VmImageService;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.testsupport.TestSshKeys;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.VolumeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Creating a server from a cloud-init image on the simulated host: the settings are checked next to their fields
 * before anything is made; a good create gets a seed volume and a disk of the size asked, and both go with the VM.
 */
@ConsoleTest
class CloudInitVmTest {

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
    SshKeyService sshKeys;
    @Autowired
    Fixtures fixtures;
    @Autowired
    VirtualMachineRepository repository;

    private VmImage image;
    private Fixtures.Tenant tenant;
    private long key;

    @BeforeEach
    void aCloudInitImageAndAMemberWithAKey() throws Exception {
        Path upload = vmImages.newUploadFile();
        Process qemuImg = new ProcessBuilder(List.of("qemu-img", "create", "-q", "-f", "qcow2", upload.toString(),
                "64M")).inheritIO().start();
        assertThat(qemuImg.waitFor(60, TimeUnit.SECONDS) && qemuImg.exitValue() == 0).isTrue();
        VmImage uploaded = asAdmin(() -> vmImages.upload(Actors.unique("cloud"), DiskFormat.QCOW2, upload));
        image = asAdmin(() -> vmImages.setCloudInit(uploaded.id(), new CloudInitImage("debian", 2)));
        tenant = fixtures.tenant("cloudvm");
        key = asUser(tenant.member().username(), () -> sshKeys.add(TestSshKeys.ed25519("member@laptop"))).id();
    }

    @AfterEach
    void deleteTheImage() {
        asAdmin(() -> vmImages.delete(image.id()));
    }

    private VmOperation create(String name, String imageId, NewVm.CloudInit settings) {
        return asUser(tenant.member().username(), () -> vms.create(new NewVm(name, tenant.id(), imageId, 1, 128, null,
                null, settings)));
    }

    private TaskSummary await(UUID taskId) {
        return asAdmin(() -> tasks.await(taskId, Duration.ofSeconds(60)));
    }

    @Test
    void a_server_gets_a_seed_volume_and_a_disk_of_the_size_asked_and_both_go_with_it() {
        try (SimulatedHost simulated = SimulatedHost.only(hosts, catalog)) {
            VmOperation created = create("first-server", image.id(), new NewVm.CloudInit("web-01", List.of(key), 5,
                    "#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: hello\n"));
            TaskSummary task = await(created.taskId());
            assertThat(task.state()).as(task.message()).isEqualTo(TaskState.SUCCEEDED);
            VmSummary vm = asUser(tenant.member().username(), () -> vms.get(created.vm().id()));
            assertThat(vm.diskGib()).as("the quota counts the disk asked for").isEqualTo(5);
            Hypervisor hypervisor = hosts.hypervisorOf(simulated.summary().id());
            String domain = repository.findById(vm.id()).orElseThrow().domainName();
            List<VolumeInfo> volumes = hypervisor.listVolumes(VmProvisioner.SIMULATED_POOL);
            assertThat(volumes).extracting(v -> v.ref().volume()).contains(domain + "-seed.iso");
            assertThat(volumes).filteredOn(v -> v.ref().volume().startsWith(domain + "-disk")).singleElement()
                    .extracting(VolumeInfo::capacityBytes).isEqualTo(5L << 30);
            assertThat(asUser(tenant.member().username(), () -> vms.guest(vm.id())).cloudInit())
                    .as("the simulated guest prints nothing: cloud-init has not finished")
                    .isEqualTo(VmGuest.CloudInitStatus.RUNNING);

            await(asUser(tenant.member().username(), () -> vms.delete(vm.id())).taskId());

            assertThat(hypervisor.listVolumes(VmProvisioner.SIMULATED_POOL)).extracting(v -> v.ref().volume())
                    .noneMatch(v -> v.startsWith(domain));
        }
    }

    @Test
    void bad_server_settings_are_refused_next_to_their_field_and_nothing_is_made() {
        long other = asAdmin(() -> sshKeys.add(TestSshKeys.ed25519("admin@desk"))).id();
        String twoMiB = "#cloud-config\nwrite_files:\n  - content: \"" + "x".repeat(2 << 20) + "\"\n";
        record Case(NewVm.CloudInit settings, String field) {
        }
        List<Case> cases = List.of(
                new Case(new NewVm.CloudInit("web.example.com", List.of(key), null, null), "hostname"),
                new Case(new NewVm.CloudInit("web 1", List.of(key), null, null), "hostname"),
                new Case(new NewVm.CloudInit(null, List.of(), null, null), "sshKeyIds"),
                new Case(null, "sshKeyIds"),
                new Case(new NewVm.CloudInit(null, List.of(other), null, null), "sshKeyIds"),
                new Case(new NewVm.CloudInit(null, List.of(key), 1, null), "diskGib"),
                new Case(new NewVm.CloudInit(null, List.of(key), null, twoMiB), "userData"),
                new Case(new NewVm.CloudInit(null, List.of(key), null, "#cloud-config\npackages: [nginx\n"),
                        "userData"),
                new Case(new NewVm.CloudInit(null, List.of(key), null, "packages: [nginx]\n"), "userData"));
        long rowsBefore = repository.count();
        try (SimulatedHost simulated = SimulatedHost.only(hosts, catalog)) {
            for (Case c : cases) {
                assertThatThrownBy(() -> create("refused", image.id(), c.settings()))
                        .as("%s", c).isInstanceOfSatisfying(InvalidInput.class,
                                refused -> assertThat(refused.field()).isEqualTo(c.field()));
            }
            assertThatThrownBy(() -> create("refused", ImageCatalog.TINY_LINUX,
                    new NewVm.CloudInit("web", List.of(key), null, null)))
                    .isInstanceOfSatisfying(InvalidInput.class, r -> assertThat(r.field()).isEqualTo("image"));
            assertThat(repository.count()).as("no VM recorded").isEqualTo(rowsBefore);
            assertThat(hosts.hypervisorOf(simulated.summary().id()).listVolumes(VmProvisioner.SIMULATED_POOL))
                    .extracting(v -> v.ref().volume()).noneMatch(v -> v.contains("refused"));
        } finally {
            asAdmin(() -> sshKeys.remove(other));
        }
    }

    @Test
    void cloud_init_progress_is_read_from_the_serial_log() {
        assertThat(CloudInitProgress.of("[  OK  ] Started cloud-init-local.service\nCloud-init v. 22.4.2 running "
                + "'init' at Sat")).isEqualTo(VmGuest.CloudInitStatus.RUNNING);
        assertThat(CloudInitProgress.of("Cloud-init v. 22.4.2 finished at Sat, 28 Nov 2026 14:00:00 +0000. "
                + "Datasource DataSourceNoCloud [seed=/dev/vdb][dsmode=net].  Up 191.20 seconds"))
                .isEqualTo(VmGuest.CloudInitStatus.DONE);
        assertThat(CloudInitProgress.of("Cloud-init v. 22.4.2 finished at Sat, 28 Nov 2026 14:00:00 +0000. "
                + "Datasource DataSourceNone.  Up 91.20 seconds")).isEqualTo(VmGuest.CloudInitStatus.FAILED);
        assertThat(CloudInitProgress.of("[FAILED] Failed to start cloud-final.service - Execute cloud user/final "
                + "scripts.")).isEqualTo(VmGuest.CloudInitStatus.FAILED);
    }
}
