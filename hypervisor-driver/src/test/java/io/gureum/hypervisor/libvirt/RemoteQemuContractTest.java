package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorContract;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.SerialSession;
import io.gureum.hypervisor.ShutdownOutcome;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;
import io.gureum.hypervisor.testsupport.Requires;
import io.gureum.hypervisor.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on the second, remote libvirt host (src/host/second-host.sh) over SSH: every call, the base
 * image upload and the serial console go through libvirt's libssh transport to a different libvirtd.
 */
class RemoteQemuContractTest extends HypervisorContract {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

    private TestImages images;
    private String localHostUuid;

    @Override
    protected Hypervisor open() {
        Path key = Requires.secondHost();
        Requires.libvirtd();
        images = Requires.tinyGuest();
        Path knownHosts;
        try {
            knownHosts = Files.createTempDirectory("gureum-known-hosts").resolve("known_hosts");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try (Hypervisor local = LibvirtHypervisor.open("qemu:///system")) {
            localHostUuid = local.hostInfo().hostUuid();
        }
        // A fresh known_hosts learns the test host's key on first contact; the console's own checks are its tests'.
        Hypervisor hv = LibvirtHypervisor.open("qemu+libssh://root@127.0.0.1:10022/system?keyfile=" + key
                + "&known_hosts=" + knownHosts + "&known_hosts_verify=auto&sshauth=privkey&no_tty=1");
        hv.ensureDirectoryPool(QemuSystemContractTest.POOL, QemuSystemContractTest.POOL_PATH);
        return hv;
    }

    @Override
    protected String pool() {
        return QemuSystemContractTest.POOL;
    }

    @Override
    protected VolumeRef prepareBaseImage(Hypervisor hv) {
        VolumeRef ref = new VolumeRef(pool(), name("base") + ".qcow2");
        VolumeInfo info = hv.importBaseImage(ref, images.baseQcow2(), DiskFormat.QCOW2);
        assertThat(info.format()).isEqualTo(DiskFormat.QCOW2);
        return ref;
    }

    @Override
    protected BootSource bootSource(String hostname) {
        return BootSource.directKernel(BootFile.catalogPath(images.kernel()), BootFile.catalogPath(images.initrd()),
                "console=ttyS0 panic=-1 quiet gureum.hostname=" + hostname);
    }

    @Override
    protected DomainType domainType() {
        return TestImages.domainType();
    }

    @Override
    protected ShutdownOutcome expectedShutdownOutcome() {
        return ShutdownOutcome.FORCED;
    }

    /**
     * The serial log file is on the remote host, so the guest is asked through the serial console instead: its shell
     * answers 'hostname' with the name it was booted with.
     */
    @Override
    protected void assertGuestIsUp(VmInfo vm, String hostname) throws Exception {
        StringBuffer screen = new StringBuffer();
        long started = System.nanoTime();
        Pattern answer = Pattern.compile("(?m)^" + Pattern.quote(hostname) + "\\r?$");
        try (SerialSession serial = hv.openSerial(vm.id(), new SerialSession.Listener() {
            @Override
            public void output(byte[] bytes) {
                screen.append(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public void ended() {
            }
        })) {
            long deadline = started + BOOT_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && !answer.matcher(screen).find()) {
                serial.write("hostname\n".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(1000);
            }
        }
        assertThat(screen.toString()).as("serial console of %s on the remote host", vm.name()).containsPattern(answer);
        System.out.printf("remote guest %s answered on its serial console %d ms after the check began%n", vm.name(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void the_remote_host_is_another_libvirtd_than_the_local_one() {
        assertThat(hv.hostInfo().hostUuid()).isNotBlank().isNotEqualTo(localHostUuid);
    }

    @Test
    void the_serial_log_of_a_remote_vm_is_refused_rather_than_read_from_this_machine() {
        VmInfo vm = hv.define(spec(name("log")).build());
        assertThatThrownBy(() -> hv.serialLogTail(vm.id(), 1024)).isInstanceOf(HypervisorException.class)
                .hasMessageContaining("remote host");
    }
}
