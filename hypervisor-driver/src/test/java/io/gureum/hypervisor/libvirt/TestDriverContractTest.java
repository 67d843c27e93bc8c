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

import java.nio.file.Path;

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
}
