package io.gureum.hypervisor;

import io.gureum.hypervisor.testsupport.EventRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link Hypervisor} backend promises, stated once. Subclasses open a host
 * and say how a guest boots there; the libvirt test driver runs it in a second, real QEMU
 * boots a guest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HypervisorContract {

    protected static final String PREFIX = "gureum-test-";
    protected static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    protected Hypervisor hv;
    protected VolumeRef base;
    protected final EventRecorder events = new EventRecorder();
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);

    /** Opens the backend under test. */
    protected abstract Hypervisor open();

    /** The pool the tests create volumes in. */
    protected abstract String pool();

    /** Makes (or imports) a qcow2 base image volume for overlays. */
    protected abstract VolumeRef prepareBaseImage(Hypervisor hv);

    /** How a guest that announces {@code hostname} boots on this backend. */
    protected abstract BootSource bootSource(String hostname);

    protected abstract DomainType domainType();

    /** The tiny guest ignores ACPI, so a real backend must force it off; the test driver obeys. */
    protected abstract ShutdownOutcome expectedShutdownOutcome();

    /** Real backends check here that the guest really runs (serial marker, screen). */
    protected void assertGuestIsUp(VmInfo vm, String hostname) throws Exception {
    }

    /** The test driver's capabilities offer only its own 'test' domain type. */
    protected boolean offersDomainTypes() {
        return true;
    }

    /** The test driver never allocates a VNC port. */
    protected boolean allocatesVncPorts() {
        return true;
    }

    protected Duration shutdownTimeout() {
        return Duration.ofSeconds(2);
    }

    @BeforeAll
    void openHost() {
        hv = open();
        hv.subscribe(events);
        base = prepareBaseImage(hv);
    }

    @AfterAll
    void cleanUp() {
        if (hv == null) {
            return;
        }
        try {
            for (VmInfo vm : hv.listAll()) {
                if (vm.name().startsWith(PREFIX + run)) {
                    if (vm.state().isActive()) {
                        hv.forceOff(vm.id());
                    }
                    hv.undefine(vm.id());
                }
            }
            for (VolumeInfo v : hv.listVolumes(pool())) {
                if (v.ref().volume().startsWith(PREFIX + run)) {
                    hv.deleteVolume(v.ref());
                }
            }
        } finally {
            hv.close();
        }
    }

    protected String name(String what) {
        return PREFIX + run + "-" + what;
    }

    protected VmSpec.Builder spec(String name) {
        return VmSpec.builder(name)
                .vcpus(1)
                .memoryMib(256)
                .domainType(domainType())
                .boot(bootSource(name))
                .serial(SerialConsole.PTY_AND_LOG_FILE)
                .metadata(new GureumMetadata("vm-" + name, "project-7"));
    }

    // ---------------------------------------------------------------------------------------

    @Test
    void host_facts_report_cpus_memory_versions_and_pools() {
        HostInfo host = hv.hostInfo();
        assertThat(host.cpus()).isPositive();
        assertThat(host.memoryTotalBytes()).isPositive();
        assertThat(host.memoryFreeBytes()).isPositive().isLessThanOrEqualTo(host.memoryTotalBytes());
        assertThat(host.libvirtVersion()).matches("\\d+\\.\\d+\\.\\d+");
        if (offersDomainTypes()) {
            assertThat(host.domainTypes()).contains(domainType());
        }
        assertThat(host.pools()).extracting(PoolInfo::name).contains(pool());
        PoolInfo pool = hv.poolInfo(pool());
        assertThat(pool.active()).isTrue();
        assertThat(pool.capacityBytes()).isPositive();
    }

    @Test
    void a_vm_goes_through_its_whole_lifecycle_and_every_step_is_an_event() throws Exception {
        String name = name("life");
        VmInfo vm = hv.define(spec(name).disk(DiskSpec.overlay(base, DiskFormat.QCOW2)).graphics(Graphics.VNC_LOCALHOST).build());
        UUID id = vm.id();
        assertThat(vm.state()).isEqualTo(VmState.SHUT_OFF);
        assertThat(vm.vcpus()).isEqualTo(1);
        assertThat(vm.memoryMib()).isEqualTo(256);
        events.await(id, VmEvent.Type.DEFINED, EVENT_TIMEOUT);

        hv.start(id);
        assertThat(hv.info(id).state()).isEqualTo(VmState.RUNNING);
        assertThat(hv.info(id).stateReason()).isEqualTo("booted");
        events.await(id, VmEvent.Type.STARTED, EVENT_TIMEOUT);
        assertGuestIsUp(hv.info(id), name);
        if (allocatesVncPorts()) {
            assertThat(hv.vncEndpoint(id)).hasValueSatisfying(vnc -> {
                assertThat(vnc.host()).isEqualTo("127.0.0.1");
                assertThat(vnc.port()).isGreaterThanOrEqualTo(5900);
            });
        }
        VmStats stats = hv.stats(id);
        assertThat(stats.cpuTime()).isPositive();
        assertThat(stats.disks()).extracting(VmStats.Disk::device).containsExactly("vda");

        assertThatThrownBy(() -> hv.start(id)).isInstanceOf(HypervisorException.WrongState.class);
        assertThatThrownBy(() -> hv.undefine(id)).isInstanceOf(HypervisorException.WrongState.class);

        hv.suspend(id);
        assertThat(hv.info(id).state()).isEqualTo(VmState.PAUSED);
        events.await(id, VmEvent.Type.SUSPENDED, EVENT_TIMEOUT);
        hv.resume(id);
        assertThat(hv.info(id).state()).isEqualTo(VmState.RUNNING);
        events.await(id, VmEvent.Type.RESUMED, EVENT_TIMEOUT);
        assertThatThrownBy(() -> hv.resume(id)).isInstanceOf(HypervisorException.WrongState.class);
        hv.reboot(id);
        assertThat(hv.info(id).state().isActive()).as("a rebooted VM stays up").isTrue();

        hv.forceOff(id);
        VmInfo off = hv.info(id);
        assertThat(off.state()).isEqualTo(VmState.SHUT_OFF);
        assertThat(off.stateReason()).isEqualTo("destroyed");
        events.await(id, VmEvent.Type.STOPPED, EVENT_TIMEOUT);
        assertThatThrownBy(() -> hv.forceOff(id)).isInstanceOf(HypervisorException.WrongState.class);
        assertThatThrownBy(() -> hv.suspend(id)).isInstanceOf(HypervisorException.WrongState.class);
        assertThatThrownBy(() -> hv.reboot(id)).isInstanceOf(HypervisorException.WrongState.class);
        assertThatThrownBy(() -> hv.stats(id)).isInstanceOf(HypervisorException.WrongState.class);
        assertThat(hv.vncEndpoint(id)).isEmpty();

        hv.start(id);
        assertThat(hv.shutdown(id, shutdownTimeout())).isEqualTo(expectedShutdownOutcome());
        assertThat(hv.info(id).state()).isEqualTo(VmState.SHUT_OFF);
        assertThat(hv.shutdown(id, shutdownTimeout())).isEqualTo(ShutdownOutcome.ALREADY_OFF);

        VolumeRef overlay = new VolumeRef(base.pool(), name + "-disk0.qcow2");
        assertThat(hv.volumeInfo(overlay).backingPath()).isPresent();
        hv.undefine(id);
        events.await(id, VmEvent.Type.UNDEFINED, EVENT_TIMEOUT);
        assertThatThrownBy(() -> hv.info(id)).isInstanceOf(HypervisorException.NotFound.class);
        assertThatThrownBy(() -> hv.volumeInfo(overlay)).isInstanceOf(HypervisorException.NotFound.class);
        assertThat(hv.volumeInfo(base).format()).as("base image survives undefine").isEqualTo(DiskFormat.QCOW2);
    }

    @Test
    void metadata_round_trips_and_tells_managed_from_unmanaged_domains() {
        VmInfo managed = hv.define(spec(name("meta")).build());
        VmInfo unmanaged = hv.define(spec(name("hand")).metadata(null).build());
        try {
            assertThat(hv.info(managed.id()).metadata()).contains(new GureumMetadata("vm-" + name("meta"), "project-7"));
            assertThat(hv.info(unmanaged.id()).managed()).isFalse();
            assertThat(hv.findByName(name("meta"))).map(VmInfo::id).contains(managed.id());
            assertThat(hv.findByName(name("nope"))).isEmpty();
        } finally {
            hv.undefine(managed.id());
            hv.undefine(unmanaged.id());
        }
    }

    @Test
    void listing_all_vms_is_one_bulk_snapshot() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(hv.define(spec(name("bulk" + i)).build()).id());
        }
        try {
            StateSnapshot snapshot = hv.snapshot();
            assertThat(snapshot.vms()).extracting(VmInfo::id).containsAll(ids);
            assertThat(snapshot.vms()).filteredOn(vm -> ids.contains(vm.id()))
                    .allSatisfy(vm -> {
                        assertThat(vm.state()).isEqualTo(VmState.SHUT_OFF);
                        assertThat(vm.managed()).isTrue();
                        assertThat(vm.persistent()).isTrue();
                    });
        } finally {
            ids.forEach(hv::undefine);
        }
    }

    @Test
    void a_duplicate_name_is_a_conflict_and_leaves_nothing_behind() {
        String name = name("dup");
        VmInfo first = hv.define(spec(name).disk(DiskSpec.empty(pool(), 1, DiskFormat.QCOW2)).build());
        try {
            assertThatThrownBy(() -> hv.define(spec(name).disk(DiskSpec.empty(pool(), 1, DiskFormat.QCOW2)).build()))
                    .isInstanceOf(HypervisorException.Conflict.class);
            assertThat(hv.listAll()).filteredOn(vm -> vm.name().equals(name)).hasSize(1);
            assertThat(hv.volumeInfo(new VolumeRef(pool(), name + "-disk0.qcow2")).format()).isEqualTo(DiskFormat.QCOW2);
        } finally {
            hv.undefine(first.id());
        }
        assertThatThrownBy(() -> hv.volumeInfo(new VolumeRef(pool(), name + "-disk0.qcow2")))
                .isInstanceOf(HypervisorException.NotFound.class);
    }

    @Test
    void missing_vms_volumes_and_pools_are_not_found() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> hv.info(nobody)).isInstanceOf(HypervisorException.NotFound.class)
                .hasMessageContaining(nobody.toString())
                .satisfies(e -> assertThat(e.getCause()).as("no libvirt type crosses the SPI").isNull());
        assertThatThrownBy(() -> hv.start(nobody)).isInstanceOf(HypervisorException.NotFound.class);
        assertThatThrownBy(() -> hv.undefine(nobody)).isInstanceOf(HypervisorException.NotFound.class);
        assertThatThrownBy(() -> hv.volumeInfo(new VolumeRef(pool(), name("none"))))
                .isInstanceOf(HypervisorException.NotFound.class);
        assertThatThrownBy(() -> hv.poolInfo(name("nopool"))).isInstanceOf(HypervisorException.NotFound.class)
                .satisfies(e -> assertThat(((HypervisorException) e).backendCode()).isEqualTo("VIR_ERR_NO_STORAGE_POOL"));
    }

    @Test
    void copy_on_write_overlays_are_backed_by_the_base_in_its_stated_format() {
        VolumeRef overlay = new VolumeRef(pool(), name("cow") + ".qcow2");
        VolumeInfo info = hv.createOverlay(overlay, base, DiskFormat.QCOW2);
        try {
            assertThat(info.format()).isEqualTo(DiskFormat.QCOW2);
            assertThat(info.capacityBytes()).isEqualTo(hv.volumeInfo(base).capacityBytes());
            assertThat(info.backingPath()).isPresent();
            assertThat(hv.listVolumes(pool())).extracting(VolumeInfo::ref).contains(overlay, base);
            assertThatThrownBy(() -> hv.createOverlay(overlay, base, DiskFormat.QCOW2))
                    .isInstanceOf(HypervisorException.Conflict.class);
            assertThatThrownBy(() -> hv.deleteVolume(base))
                    .isInstanceOf(HypervisorException.Conflict.class).hasMessageContaining("is the base of");
        } finally {
            hv.deleteVolume(overlay);
        }
    }

    @Test
    void a_base_format_that_does_not_match_is_refused_before_anything_is_made() {
        String name = name("badfmt");
        assertThatThrownBy(() -> hv.define(spec(name)
                .disk(DiskSpec.empty(pool(), 1, DiskFormat.RAW))
                .disk(DiskSpec.overlay(base, DiskFormat.RAW)).build()))
                .isInstanceOf(HypervisorException.InvalidSpec.class)
                .hasMessageContaining("not the stated raw");
        assertThat(hv.findByName(name)).isEmpty();
        assertThat(hv.listVolumes(pool())).extracting(v -> v.ref().volume()).noneMatch(v -> v.startsWith(name));
    }

    @Test
    void empty_disks_are_created_in_their_format_and_removed_with_the_vm() {
        String name = name("empty");
        VmInfo vm = hv.define(spec(name).disk(DiskSpec.empty(pool(), 2, DiskFormat.RAW)).build());
        VolumeRef disk = new VolumeRef(pool(), name + "-disk0.raw");
        VolumeInfo info = hv.volumeInfo(disk);
        assertThat(info.format()).isEqualTo(DiskFormat.RAW);
        assertThat(info.capacityBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        hv.undefine(vm.id());
        assertThatThrownBy(() -> hv.volumeInfo(disk)).isInstanceOf(HypervisorException.NotFound.class);
    }
}
