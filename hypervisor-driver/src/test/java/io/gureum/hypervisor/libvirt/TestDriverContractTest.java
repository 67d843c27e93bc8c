package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
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
