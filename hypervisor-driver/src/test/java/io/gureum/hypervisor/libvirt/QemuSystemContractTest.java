package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.BootFile;
import io.gureum.hypervisor.BootSource;
import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.DomainType;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorContract;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.ShutdownOutcome;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;
import io.gureum.hypervisor.testsupport.Requires;
import io.gureum.hypervisor.testsupport.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on a real libvirtd + QEMU: the tiny guest boots (TCG or KVM, as the host setup
 * decided) and must print its serial marker. Skips on a bare laptop, fails under CI=true.
 */
class QemuSystemContractTest extends HypervisorContract {

    static final String POOL = "gureum";
    static final Path POOL_PATH = Path.of("/var/lib/gureum/pools/default");
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

    private TestImages images;

    @Override
    protected Hypervisor open() {
        Requires.libvirtd();
        images = Requires.tinyGuest();
        Hypervisor hv = LibvirtHypervisor.open("qemu:///system");
        hv.ensureDirectoryPool(POOL, POOL_PATH);
        return hv;
    }

    @Override
    protected String pool() {
        return POOL;
    }

    @Override
    protected VolumeRef prepareBaseImage(Hypervisor hv) {
        Path source = images.baseQcow2();
        try {
            if (!Files.isReadable(source)) {
                source = Files.createTempDirectory("gureum-test").resolve("base.qcow2");
                Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", source.toString(), "64M").inheritIO().start();
                assertThat(p.waitFor()).isZero();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        VolumeRef ref = new VolumeRef(POOL, name("base") + ".qcow2");
        VolumeInfo info = hv.importBaseImage(ref, source, DiskFormat.QCOW2);
        assertThat(info.format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(info.backingPath()).isEmpty();
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

    @Override
    protected void assertGuestIsUp(VmInfo vm, String hostname) throws Exception {
        String marker = "GUREUM-GUEST-READY hostname=" + hostname;
        long started = System.nanoTime();
        long deadline = started + BOOT_TIMEOUT.toNanos();
        String log = "";
        while (System.nanoTime() < deadline && !log.contains(marker)) {
            Thread.sleep(200);
            log = hv.serialLogTail(vm.id(), 64 * 1024);
        }
        assertThat(log).as("serial log of %s", vm.name()).contains(marker);
        System.out.printf("guest %s printed its marker %d ms after start%n", vm.name(), (System.nanoTime() - started) / 1_000_000);

        byte[] png = hv.screenshotPng(vm.id());
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void the_serial_console_carries_keystrokes_to_the_guest_shell_and_its_answer_back() throws Exception {
        String name = name("serial");
        VmInfo vm = hv.define(spec(name).disk(io.gureum.hypervisor.DiskSpec.overlay(base, DiskFormat.QCOW2))
                .graphics(io.gureum.hypervisor.Graphics.VNC_LOCALHOST).build());
        try {
            hv.start(vm.id());
            assertGuestIsUp(hv.info(vm.id()), name);
            StringBuffer screen = new StringBuffer();
            java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
            io.gureum.hypervisor.SerialSession.Listener listener = new io.gureum.hypervisor.SerialSession.Listener() {
                @Override
                public void output(byte[] bytes) {
                    screen.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void ended() {
                    ends.incrementAndGet();
                }
            };
            io.gureum.hypervisor.SerialSession serial = hv.openSerial(vm.id(), listener);
            assertThatThrownBy(() -> hv.openSerial(vm.id(), listener)).as("one session at a time")
                    .isInstanceOf(HypervisorException.WrongState.class);
            serial.write("echo gureum-$RANDOM\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.util.regex.Pattern answer = java.util.regex.Pattern.compile("(?m)^gureum-\\d+\\r?$");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !answer.matcher(screen).find()) {
                Thread.sleep(100);
            }
            assertThat(screen.toString()).as("the guest's answer").containsPattern(answer);
            assertThat(screen.toString()).contains("echo gureum-$RANDOM"); // the terminal echoed what was typed

            serial.close();
            assertThat(serial.isOpen()).isFalse();
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && ends.get() == 0) {
                Thread.sleep(50);
            }
            assertThat(ends).hasValue(1);
            hv.openSerial(vm.id(), listener).close(); // freed: it can be opened again
        } finally {
            hv.forceOff(vm.id());
        }
    }

    @Test
    void an_uploaded_seed_holds_its_bytes_is_attached_read_only_and_goes_with_its_vm() throws Exception {
        String name = name("seed");
        VolumeRef seed = new VolumeRef(POOL, name + "-seed.iso");
        Path iso = Files.createTempFile("gureum-seed", ".iso");
        try {
            // A real ISO 9660 file: libvirt's probe calls it "iso", which the driver reads as raw.
            Process p = new ProcessBuilder("xorriso", "-as", "genisoimage", "-output", iso.toString(), "-volid", "cidata",
                    "-joliet", "-rock", "/etc/hostname").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor()).isZero();
            byte[] content = Files.readAllBytes(iso);

            VolumeInfo uploaded = hv.uploadVolume(seed, content);

            assertThat(uploaded.format()).isEqualTo(DiskFormat.RAW);
            assertThat(uploaded.capacityBytes()).isEqualTo(content.length);
            assertThat(Files.readAllBytes(POOL_PATH.resolve(seed.volume()))).isEqualTo(content);
            assertThatThrownBy(() -> hv.uploadVolume(seed, content)).isInstanceOf(HypervisorException.Conflict.class);
            VmInfo vm = hv.define(spec(name).disk(io.gureum.hypervisor.DiskSpec.overlay(base, DiskFormat.QCOW2))
                    .disk(io.gureum.hypervisor.DiskSpec.seed(seed)).build());
            assertThat(hv.guestInfo(vm.id()).agentConnected()).as("a VM that is not running has no agent").isFalse();
            hv.undefine(vm.id());
            assertThatThrownBy(() -> hv.volumeInfo(seed)).isInstanceOf(HypervisorException.NotFound.class);
        } finally {
            Files.deleteIfExists(iso);
        }
    }

    @Test
    void an_imported_base_image_whose_format_is_misstated_is_refused() {
        Path source = images.baseQcow2();
        Requires.that(Files.isReadable(source), "no base.qcow2 in " + images.dir());
        VolumeRef ref = new VolumeRef(POOL, name("misstated") + ".raw");
        assertThatThrownBy(() -> hv.importBaseImage(ref, source, DiskFormat.RAW))
                .isInstanceOf(HypervisorException.InvalidSpec.class)
                .hasMessageContaining("is qcow2, not the stated raw");
        assertThatThrownBy(() -> hv.volumeInfo(ref)).isInstanceOf(HypervisorException.NotFound.class);
    }

    @Test
    void when_libvirtd_drops_the_connection_calls_are_unavailable_until_the_driver_reconnects() throws Exception {
        Requires.that(Files.isExecutable(Path.of("/usr/bin/virt-admin")), "virt-admin not installed (libvirt-clients)");
        Hypervisor own = LibvirtHypervisor.open(LibvirtOptions.of("qemu:///system")
                .withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        try {
            var recorder = new io.gureum.hypervisor.testsupport.EventRecorder();
            own.subscribe(recorder);
            String client = newestClientOfThisProcess();
            // Ask libvirtd itself to drop our client: the same path as a daemon restart, for one client only.
            assertThat(run("virt-admin", "client-disconnect", "libvirtd", client)).isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (own.isAvailable() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(own.isAvailable()).as("close callback noticed the drop").isFalse();
            assertThatThrownBy(own::listAll).isInstanceOf(HypervisorException.Unavailable.class);
            deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!own.isAvailable() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(own.isAvailable()).as("reconnected").isTrue();
            assertThat(own.hostInfo().cpus()).isPositive();
            Thread.sleep(200);
            assertThat(recorder.connection).containsExactly("lost", "restored");
        } finally {
            own.close();
        }
        assertThatThrownBy(own::hostInfo).isInstanceOf(HypervisorException.Unavailable.class);
    }

    private static String newestClientOfThisProcess() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        String newest = null;
        for (String line : output("virt-admin", "srv-clients-list", "libvirtd").split("\n")) {
            String id = line.strip().split("\\s+")[0];
            if (!id.matches("\\d+")) {
                continue;
            }
            for (String info : output("virt-admin", "client-info", "libvirtd", id).split("\n")) {
                if (info.matches("unix_process_id\\s*:\\s*" + pid) && (newest == null || Long.parseLong(id) > Long.parseLong(newest))) {
                    newest = id;
                }
            }
        }
        assertThat(newest).as("a libvirtd client of pid %s", pid).isNotNull();
        return newest;
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
