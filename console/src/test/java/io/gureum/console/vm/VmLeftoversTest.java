package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.VolumeRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a failed create leaves on a host is removed, on the simulated host: by the create's own clean-up when the
 * host answers (even a disk it made before the domain existed), else by the next resync of that host.
 */
@ConsoleTest
class VmLeftoversTest {

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    VirtualMachineRepository repository;

    @Autowired
    VmStateSync stateSync;

    @Autowired
    VmLeftovers leftovers;

    SimulatedHost simulated;
    Fixtures.Tenant tenant;

    @BeforeEach
    void simulatedHostOnly() {
        simulated = SimulatedHost.only(hosts, images);
        tenant = fixtures.tenant("leftovers");
    }

    @AfterEach
    void restoreHosts() {
        simulated.close();
    }

    private VirtualMachine running(String name) {
        VmOperation created = asUser(tenant.member().username(), () -> vms.create(new NewVm(name, tenant.id(),
                ImageCatalog.TINY_LINUX, 1, 128, null)));
        assertThat(Actors.asAdmin(() -> tasks.await(created.taskId(), Duration.ofSeconds(60))).state())
                .isEqualTo(TaskState.SUCCEEDED);
        return repository.findById(created.vm().id()).orElseThrow();
    }

    @Test
    void a_domain_whose_create_failed_is_removed_by_the_next_resync_of_its_host() {
        VirtualMachine vm = running("swept");
        Hypervisor hypervisor = hosts.hypervisorOf(simulated.summary().id());
        // What a create that lost its host mid-way records: ERROR, the domain still there, its UUID forgotten.
        vm.failed("cannot start: the host stopped answering", Instant.now());
        repository.save(vm);
        assertThat(hypervisor.findByName(vm.domainName())).isPresent();

        stateSync.resyncHost(simulated.summary().id());

        assertThat(hypervisor.findByName(vm.domainName())).isEmpty();
        assertThat(repository.findById(vm.id()).orElseThrow().state()).isEqualTo(VmStatus.ERROR);
    }

    @Test
    void a_failed_create_removes_a_disk_made_before_its_domain_was_defined() {
        VirtualMachine vm = running("diskonly");
        Hypervisor hypervisor = hosts.hypervisorOf(simulated.summary().id());
        hypervisor.forceOff(vm.domainUuid());
        hypervisor.undefine(vm.domainUuid()); // removes its disk too; the next one stands for a disk left alone
        VolumeRef orphan = new VolumeRef(VmProvisioner.SIMULATED_POOL, vm.domainName() + "-disk0.qcow2");
        hypervisor.createVolume(orphan, 64L << 20, DiskFormat.QCOW2);

        String done = leftovers.afterFailedCreate(simulated.summary(), vm, null);

        assertThat(done).contains("its disk, made before its domain was defined, was removed");
        assertThat(hypervisor.listVolumes(VmProvisioner.SIMULATED_POOL))
                .noneMatch(v -> v.ref().volume().startsWith(vm.domainName() + "-disk"));
    }
}
