package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DiskSpec;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorContract;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.testsupport.Requires;
import io.gureum.hypervisor.ShutdownOutcome;
import io.gureum.hypervisor.VolumeRef;

import io.gureum.hypervisor.NicSpec;
import io.gureum.hypervisor.PoolInfo;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmInterface;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on libvirt's in-process test driver: real XML parsing and state rules, no daemon. */
class TestDriverContractTest extends HypervisorContract {

    @Override
    protected Hypervisor open() {
        try {
            return LibvirtHypervisor.open("test:///default");
        } catch (HypervisorException.Unavailable e) {
            Requires.that(false, "libvirt's client library is missing (install libvirt0): " + e.getMessage());
            throw e;
        }
    }

    @Override
    protected String pool() {
        return "default-pool";
    }

    @Override
    protected VolumeRef prepareBaseImage(Hypervisor hv) {
        VolumeRef ref = new VolumeRef(pool(), name("base") + ".qcow2");
        hv.createVolume(ref, 64L * 1024 * 1024, DiskFormat.QCOW2);
        return ref;
    }

    @Override
    protected BootSource bootSource(String hostname) {
        // The test driver never reads these files; the paths only have to be valid catalog paths.
        return BootSource.directKernel(BootFile.catalogPath(Path.of("/var/lib/gureum/images/tiny-linux/vmlinuz")),
                BootFile.catalogPath(Path.of("/var/lib/gureum/images/tiny-linux/initrd.img")),
                "console=ttyS0 gureum.hostname=" + hostname);
    }

    @Override
    protected DomainType domainType() {
        return DomainType.QEMU;
    }

    @Override
    protected ShutdownOutcome expectedShutdownOutcome() {
        return ShutdownOutcome.GRACEFUL;
    }

    @Override
    protected boolean offersDomainTypes() {
        return false;
    }

    @Override
    protected boolean allocatesVncPorts() {
        return false;
    }

    @Test
    void a_cloud_init_vm_gets_a_sized_overlay_a_read_only_virtio_seed_and_the_guest_agent_channel() throws Exception {
        String name = name("cloud");
        VolumeRef seed = new VolumeRef(pool(), name + "-seed.iso");
        hv.createVolume(seed, 366L * 1024, DiskFormat.RAW);
        VmInfo vm = hv.define(spec(name).disk(DiskSpec.overlay(base, DiskFormat.QCOW2, 1)).disk(DiskSpec.seed(seed))
                .build());
        VolumeRef overlay = new VolumeRef(pool(), name + "-disk0.qcow2");

        assertThat(hv.volumeInfo(overlay).capacityBytes()).isEqualTo(1024L * 1024 * 1024);
        // test:///default keeps one state per process, so a second connection reads what libvirt stored.
        Connect reader = new Connect("test:///default", true);
        try {
            Domain domain = reader.domainLookupByUUIDString(vm.id().toString());
            Element devices = SafeXml.child(SafeXml.parse(domain.getXMLDesc(0)).getDocumentElement(), "devices")
                    .orElseThrow();
            List<Element> disks = SafeXml.children(devices, "disk");
            assertThat(disks).hasSize(2);
            Element seedDisk = disks.get(1);
            assertThat(SafeXml.child(seedDisk, "source").orElseThrow().getAttribute("volume")).isEqualTo(seed.volume());
            assertThat(SafeXml.child(seedDisk, "target").orElseThrow().getAttribute("bus")).isEqualTo("virtio");
            assertThat(SafeXml.child(seedDisk, "driver").orElseThrow().getAttribute("type")).isEqualTo("raw");
            assertThat(SafeXml.child(seedDisk, "readonly")).isPresent();
            assertThat(SafeXml.child(disks.get(0), "readonly")).isEmpty();
            assertThat(SafeXml.children(devices, "channel")).singleElement().satisfies(channel -> assertThat(
                    SafeXml.child(channel, "target").orElseThrow().getAttribute("name"))
                    .isEqualTo("org.qemu.guest_agent.0"));
            domain.free();
        } finally {
            reader.close();
        }

        hv.undefine(vm.id());
        assertThatThrownBy(() -> hv.volumeInfo(seed)).as("the seed goes with the VM")
                .isInstanceOf(HypervisorException.NotFound.class);
        assertThatThrownBy(() -> hv.volumeInfo(overlay)).isInstanceOf(HypervisorException.NotFound.class);
    }

    @Test
    void an_overlay_smaller_than_its_base_is_refused_and_nothing_is_left() {
        String name = name("small");
        VolumeRef big = new VolumeRef(pool(), name + "-base.qcow2");
        hv.createVolume(big, 2L * 1024 * 1024 * 1024, DiskFormat.QCOW2);
        try {
            assertThatThrownBy(() -> hv.define(spec(name).disk(DiskSpec.overlay(big, DiskFormat.QCOW2, 1)).build()))
                    .isInstanceOf(HypervisorException.InvalidSpec.class).hasMessageContaining("smaller");
            assertThatThrownBy(() -> hv.volumeInfo(new VolumeRef(pool(), name + "-disk0.qcow2")))
                    .isInstanceOf(HypervisorException.NotFound.class);
        } finally {
            hv.deleteVolume(big);
        }
    }

    @Test
    void guest_addresses_come_from_the_network_leases() {
        VmInfo vm = hv.define(spec(name("nic")).nic(new NicSpec("default", "52:54:00:12:34:56")).build());
        try {
            hv.start(vm.id());
            List<VmInterface> nics = hv.interfaceAddresses(vm.id());
            assertThat(nics).singleElement().satisfies(nic -> {
                assertThat(nic.mac()).isEqualTo("52:54:00:12:34:56");
                assertThat(nic.addresses()).isNotEmpty().allMatch(a -> a.matches("[0-9.]+/\\d+"));
            });
            hv.forceOff(vm.id());
            assertThat(hv.interfaceAddresses(vm.id())).isEmpty();
        } finally {
            hv.undefine(vm.id());
        }
    }

    @Test
    void ensuring_a_directory_pool_is_idempotent_and_refuses_a_different_path() {
        String pool = name("pool");
        PoolInfo first = hv.ensureDirectoryPool(pool, Path.of("/" + pool));
        PoolInfo again = hv.ensureDirectoryPool(pool, Path.of("/" + pool));
        assertThat(first.active()).isTrue();
        assertThat(again.name()).isEqualTo(pool);
        assertThat(again.type()).isEqualTo("dir");
        assertThatThrownBy(() -> hv.ensureDirectoryPool(pool, Path.of("/elsewhere")))
                .isInstanceOf(HypervisorException.Conflict.class);
        assertThatThrownBy(() -> hv.ensureDirectoryPool(pool, Path.of("relative")))
                .isInstanceOf(HypervisorException.InvalidSpec.class);
    }
}
