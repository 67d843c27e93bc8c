package io.gureum.console.vm;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaRecount;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DiskSpec;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmSpec;
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

/** Domains made by hand on the simulated host: listed as unmanaged, adopted into a project with quota checked. */
@ConsoleTest
class VmAdoptionTest {

    @Autowired
    VmService vms;

    @Autowired
    HostService hosts;

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaRecount recount;

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
    io.gureum.console.audit.AuditService audit;

    SimulatedHost simulated;
    Hypervisor hypervisor;
    Fixtures.Tenant tenant;
    final List<UUID> handMade = new ArrayList<>();

    @BeforeEach
    void simulatedHost() {
        simulated = SimulatedHost.only(hosts, images);
        hypervisor = hosts.hypervisorOf(simulated.summary().id());
        tenant = fixtures.tenant("adopt");
    }

    @AfterEach
    void cleanUp() {
        for (UUID domain : handMade) {
            try {
                if (hypervisor.info(domain).state().isActive()) {
                    hypervisor.forceOff(domain);
                }
                hypervisor.undefine(domain);
            } catch (HypervisorException gone) {
                // deleted by the test
            }
        }
        simulated.close();
    }

    /** What an operator's "virsh define" + "virsh start" does: a domain without the console's metadata. */
    private VmInfo byHand(String name, boolean start) {
        VmInfo defined = hypervisor.define(VmSpec.builder(name).vcpus(2).memoryMib(256)
                .disk(DiskSpec.empty("default-pool", 1, DiskFormat.QCOW2)).build());
        handMade.add(defined.id());
        if (start) {
            hypervisor.start(defined.id());
        }
        return hypervisor.info(defined.id());
    }

    @Test
    void a_domain_made_by_hand_is_listed_and_an_admin_adopts_it_into_a_project_with_room() {
        VmInfo domain = byHand(Actors.unique("Hand_Made.Web"), true);
        assertThat(domain.metadata()).isEmpty();

        assertThat(asAdmin(() -> vms.unmanaged())).anySatisfy(u -> {
            assertThat(u.domainUuid()).isEqualTo(domain.id());
            assertThat(u.hostId()).isEqualTo(simulated.summary().id());
            assertThat(u.name()).isEqualTo(domain.name());
            assertThat(u.state()).isEqualTo(VmStatus.RUNNING);
            assertThat(u.vcpus()).isEqualTo(2);
            assertThat(u.memoryMib()).isEqualTo(256);
        });
        String member = tenant.member().username();
        assertThatThrownBy(() -> asUser(member, () -> vms.unmanaged())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(member, () -> vms.adopt(simulated.summary().id(), domain.id(), tenant.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(asAdmin(() -> vms.unmanaged())).anyMatch(u -> u.domainUuid().equals(domain.id()));

        ResourceAmounts before = usage.usage(tenant.id());
        VmSummary adopted = asAdmin(() -> vms.adopt(simulated.summary().id(), domain.id(), tenant.id()));

        assertThat(adopted.state()).isEqualTo(VmStatus.RUNNING);
        assertThat(adopted.desiredState()).isEqualTo(VmStatus.RUNNING);
        assertThat(adopted.restartPolicy()).isEqualTo(RestartPolicy.NEVER);
        assertThat(adopted.imageId()).isEqualTo("adopted");
        assertThat(adopted.hostId()).isEqualTo(simulated.summary().id());
        assertThat(adopted.owner()).isEqualTo("admin");
        assertThat(adopted.name()).matches(VmService.NAME).startsWith("hand-made-web");
        assertThat(repository.findById(adopted.id()).orElseThrow().domainUuid()).isEqualTo(domain.id());
        assertThat(repository.findById(adopted.id()).orElseThrow().domainName()).isEqualTo(domain.name());
        ResourceAmounts after = usage.usage(tenant.id());
        assertThat(after.vms()).isEqualTo(before.vms() + 1);
        assertThat(after.vcpus()).isEqualTo(before.vcpus() + 2);
        assertThat(after.memoryMib()).isEqualTo(before.memoryMib() + 256);
        assertThat(asAdmin(() -> vms.unmanaged())).noneMatch(u -> u.domainUuid().equals(domain.id()));
        assertThat(asUser(tenant.viewer().username(), () -> vms.list())).extracting(VmSummary::id)
                .contains(adopted.id());
        // Known by its UUID though it carries no metadata: no drift, now or after a second recount. (Other
        // hosts, e.g. a shared real libvirtd, may hold leftovers of other runs: only this host is asserted.)
        for (int i = 0; i < 2; i++) {
            assertThat(recount.recount()).noneMatch(d -> d.projectId() == tenant.id()
                    && (d.detail().contains(adopted.name()) || d.detail().contains(simulated.summary().name())));
        }

        assertThatThrownBy(() -> asAdmin(() -> vms.adopt(simulated.summary().id(), domain.id(), tenant.id())))
                .isInstanceOf(VmValidationException.class).hasMessageContaining("adopted already");
        assertThat(asAdmin(() -> audit.search(new io.gureum.console.audit.AuditFilter(null, tenant.id(), "vm.adopt",
                null, null, null)))).anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("admin");
                    assertThat(entry.target()).isEqualTo("vm " + adopted.name());
                });

        // The console now acts on it like on its own VMs.
        assertThat(asAdmin(() -> tasks.await(asUser(member, () -> vms.forceOff(adopted.id())).taskId(),
                Duration.ofSeconds(30))).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(hypervisor.info(domain.id()).state().isActive()).isFalse();
    }

    @Test
    void a_stopped_domain_is_adopted_stopped() {
        VmInfo domain = byHand(Actors.unique("stopped"), false);

        VmSummary adopted = asAdmin(() -> vms.adopt(simulated.summary().id(), domain.id(), tenant.id()));

        assertThat(adopted.state()).isEqualTo(VmStatus.STOPPED);
        assertThat(adopted.desiredState()).isEqualTo(VmStatus.STOPPED);
    }

    @Test
    void adopting_into_a_project_without_room_is_refused_with_the_numbers_and_changes_nothing() {
        asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(1, 8192, 10, 5, 5, 4, 4096)));
        VmInfo domain = byHand(Actors.unique("big"), true);
        long rows = repository.count();

        assertThatThrownBy(() -> asAdmin(() -> vms.adopt(simulated.summary().id(), domain.id(), tenant.id())))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("vCPUs 2 > 1");

        assertThat(repository.count()).isEqualTo(rows);
        assertThat(usage.usage(tenant.id()).vms()).isZero();
        assertThat(asAdmin(() -> vms.unmanaged())).anyMatch(u -> u.domainUuid().equals(domain.id()));
        assertThat(hypervisor.info(domain.id()).state().isActive()).isTrue();
    }

    @Test
    void deleting_an_adopted_vm_removes_the_domain_but_not_a_disk_the_console_did_not_make() throws Exception {
        // Made entirely by hand: a volume, then a domain using it, defined from XML (as "virsh define" does).
        String volumeName = Actors.unique("hand-disk") + ".qcow2";
        VolumeRef volume = new VolumeRef("default-pool", volumeName);
        hypervisor.createVolume(volume, 1L << 30, DiskFormat.QCOW2);
        String name = Actors.unique("handxml");
        UUID uuid = UUID.randomUUID();
        org.libvirt.Connect direct = new org.libvirt.Connect("test:///default");
        try {
            direct.domainDefineXML("""
                    <domain type='test'>
                      <name>%s</name>
                      <uuid>%s</uuid>
                      <memory unit='MiB'>128</memory>
                      <vcpu>1</vcpu>
                      <os><type>hvm</type></os>
                      <devices>
                        <disk type='file' device='disk'>
                          <source file='/default-pool/%s'/>
                          <target dev='vda' bus='virtio'/>
                        </disk>
                      </devices>
                    </domain>""".formatted(name, uuid, volumeName));
        } finally {
            direct.close();
        }
        handMade.add(uuid);
        assertThat(asAdmin(() -> vms.unmanaged())).anyMatch(u -> u.domainUuid().equals(uuid));

        VmSummary adopted = asAdmin(() -> vms.adopt(simulated.summary().id(), uuid, tenant.id()));
        assertThat(asAdmin(() -> tasks.await(asAdmin(() -> vms.delete(adopted.id())).taskId(),
                Duration.ofSeconds(30))).state()).isEqualTo(TaskState.SUCCEEDED);

        assertThatThrownBy(() -> hypervisor.info(uuid)).isInstanceOf(HypervisorException.NotFound.class);
        assertThat(hypervisor.volumeInfo(volume).ref()).isEqualTo(volume);
        assertThat(repository.findById(adopted.id()).orElseThrow().state()).isEqualTo(VmStatus.DELETED);
        assertThat(usage.usage(tenant.id()).vms()).isZero();
        hypervisor.deleteVolume(volume);
    }
}
