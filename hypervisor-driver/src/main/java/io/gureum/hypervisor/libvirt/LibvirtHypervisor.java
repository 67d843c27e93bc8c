package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.GuestInfo;
import io.gureum.hypervisor.HostInfo;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.HypervisorListener;
import io.gureum.hypervisor.PoolInfo;
import io.gureum.hypervisor.SerialSession;
import io.gureum.hypervisor.ShutdownOutcome;
import io.gureum.hypervisor.StateSnapshot;
import io.gureum.hypervisor.Subscription;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.VmInterface;
import io.gureum.hypervisor.VmSpec;
import io.gureum.hypervisor.VmStats;
import io.gureum.hypervisor.VncEndpoint;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Hypervisor} on libvirt. Open one per host with {@link #open(LibvirtOptions)}; close it
 * when the host is removed. Each method is one focused operation on the host connection.
 */
public final class LibvirtHypervisor implements Hypervisor {

    private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(2);

    private final LibvirtOptions options;
    private final EventHub events;
    private final HostConnection host;
    private final DefineVm defineVm;
    private final ShutdownVm shutdownVm;
    private final ImageInspector inspector = new ImageInspector("qemu-img");

    private LibvirtHypervisor(LibvirtOptions options) {
        this.options = options;
        this.events = new EventHub(label(options.uri()));
        try {
            this.host = HostConnection.open(options, events);
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        this.defineVm = new DefineVm(options.serialLogDir());
        this.shutdownVm = new ShutdownVm(host);
    }

    /** Opens a host; Unavailable if libvirt cannot be reached. */
    public static Hypervisor open(LibvirtOptions options) {
        return new LibvirtHypervisor(Objects.requireNonNull(options, "options"));
    }

    /** Opens a host with default options. */
    public static Hypervisor open(String uri) {
        return open(LibvirtOptions.of(uri));
    }

    private static String label(URI uri) {
        String host = uri.getHost() == null ? "local" : uri.getHost();
        return uri.getScheme().replaceAll("[^a-z0-9]", "") + "-" + host;
    }

    @Override
    public URI uri() {
        return options.uri();
    }

    @Override
    public boolean isAvailable() {
        return host.isAvailable();
    }

    @Override
    public HostInfo hostInfo() {
        return host.call("read host facts", HostFacts::read);
    }

    // ---- VMs ----

    @Override
    public VmInfo define(VmSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return host.call("define VM " + spec.name(), c -> defineVm.define(c, spec));
    }

    @Override
    public void start(UUID id) {
        host.call("start VM " + id, c -> Domains.with(c, id, PowerOps::start));
    }

    @Override
    public ShutdownOutcome shutdown(UUID id, Duration timeout) {
        return shutdownVm.shutdown(id, timeout);
    }

    @Override
    public void forceOff(UUID id) {
        host.call("force off VM " + id, c -> Domains.with(c, id, PowerOps::forceOff));
    }

    @Override
    public void reboot(UUID id) {
        host.call("reboot VM " + id, c -> Domains.with(c, id, PowerOps::reboot));
    }

    @Override
    public void suspend(UUID id) {
        host.call("suspend VM " + id, c -> Domains.with(c, id, PowerOps::suspend));
    }

    @Override
    public void resume(UUID id) {
        host.call("resume VM " + id, c -> Domains.with(c, id, PowerOps::resume));
    }

    @Override
    public void undefine(UUID id) {
        host.call("undefine VM " + id, c -> {
            UndefineVm.undefine(c, id, options.serialLogDir(), options.isLocal());
            return null;
        });
    }

    @Override
    public VmInfo info(UUID id) {
        return host.call("read VM " + id, c -> Domains.with(c, id, Domains::read));
    }

    @Override
    public Optional<VmInfo> findByName(String name) {
        return host.call("find VM " + name, c -> Domains.findByName(c, name));
    }

    @Override
    public List<VmInfo> listAll() {
        return host.call("list VMs", Domains::listAll);
    }

    @Override
    public StateSnapshot snapshot() {
        Instant at = Instant.now();
        return new StateSnapshot(options.uri().toString(), at, listAll());
    }

    @Override
    public List<VmInterface> interfaceAddresses(UUID id) {
        return host.call("read addresses of VM " + id, c -> Domains.with(c, id, StatsReader::addresses));
    }

    @Override
    public GuestInfo guestInfo(UUID id) {
        return host.call("read guest agent of VM " + id, c -> Domains.with(c, id, GuestAgent::read));
    }

    @Override
    public Optional<VncEndpoint> vncEndpoint(UUID id) {
        return host.call("read VNC endpoint of VM " + id, c -> Domains.with(c, id, ConsoleAccess::vnc));
    }

    @Override
    public byte[] screenshotPng(UUID id) {
        return host.call("take screenshot of VM " + id, c -> Domains.with(c, id, d -> ConsoleAccess.screenshotPng(c, d)));
    }

    @Override
    public String serialLogTail(UUID id, int maxBytes) {
        return host.call("read serial log of VM " + id,
                c -> Domains.with(c, id, d -> ConsoleAccess.serialLogTail(d, options.serialLogDir(), options.isLocal(), maxBytes)));
    }

    @Override
    public SerialSession openSerial(UUID id, SerialSession.Listener listener) {
        return host.call("open serial console of VM " + id, c -> Domains.with(c, id, d -> SerialStream.open(c, d, listener)));
    }

    @Override
    public VmStats stats(UUID id) {
        return host.call("read stats of VM " + id, c -> Domains.with(c, id, StatsReader::stats));
    }

    // ---- storage ----

    @Override
    public PoolInfo ensureDirectoryPool(String name, Path path) {
        VolumeRef.requirePoolName(name);
        return host.call("ensure pool " + name, c -> Storage.ensureDirectoryPool(c, name, path));
    }

    @Override
    public PoolInfo poolInfo(String name) {
        return host.call("read pool " + name, c -> Storage.poolInfo(c, name));
    }

    @Override
    public VolumeInfo importBaseImage(VolumeRef target, Path sourceFile, DiskFormat format) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        ImageInspector.Image image = inspector.inspect(sourceFile, format);
        return host.call("import " + sourceFile.getFileName() + " as " + target, UPLOAD_TIMEOUT,
                c -> Storage.importImage(c, target, sourceFile, image.fileSize(), format));
    }

    @Override
    public VolumeInfo uploadVolume(VolumeRef ref, byte[] content) {
        Objects.requireNonNull(ref, "ref");
        byte[] copy = Objects.requireNonNull(content, "content").clone();
        return host.call("upload volume " + ref, c -> Storage.uploadRaw(c, ref, copy));
    }

    @Override
    public VolumeInfo createVolume(VolumeRef ref, long capacityBytes, DiskFormat format) {
        return host.call("create volume " + ref, c -> Storage.createVolume(c, ref, capacityBytes, Objects.requireNonNull(format)));
    }

    @Override
    public VolumeInfo createOverlay(VolumeRef ref, VolumeRef base, DiskFormat baseFormat) {
        return host.call("create overlay " + ref, c -> Storage.createOverlay(c, ref, base, Objects.requireNonNull(baseFormat)));
    }

    @Override
    public VolumeInfo volumeInfo(VolumeRef ref) {
        return host.call("read volume " + ref, c -> Storage.volumeInfo(c, ref));
    }

    @Override
    public List<VolumeInfo> listVolumes(String pool) {
        return host.call("list volumes of " + pool, c -> Storage.listVolumes(c, pool));
    }

    @Override
    public void deleteVolume(VolumeRef ref) {
        host.call("delete volume " + ref, c -> {
            Storage.deleteVolume(c, ref);
            return null;
        });
    }

    // ---- events ----

    @Override
    public Subscription subscribe(HypervisorListener listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        host.close();
        events.close();
    }

    @Override
    public String toString() {
        return "LibvirtHypervisor[" + options.uri() + "]";
    }

}
