package io.gureum.hypervisor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One hypervisor host, opened on a URI. Thread-safe: call it from any thread, including virtual
 * threads (the implementation moves native calls to its own platform threads). Every failure
 * is a {@link HypervisorException}; VMs are identified by their UUID.
 */
public interface Hypervisor extends AutoCloseable {

    /** The URI this host was opened on. */
    URI uri();

    /** True while the connection is up (false while reconnecting). */
    boolean isAvailable();

    /** CPU, memory, supported domain types, versions and storage pools. */
    HostInfo hostInfo();

    // ---- VMs -----------------------------------------------------------------------------

    /**
     * Creates the VM's volumes (overlays, empty disks) and defines the domain. On any failure the
     * volumes made so far are removed. Conflict if a domain with that name exists.
     */
    VmInfo define(VmSpec spec);

    /** Starts a defined VM; WrongState if already running. */
    void start(UUID id);

    /** Asks the guest to power off (ACPI); forces it off if it is not off after {@code timeout}. */
    ShutdownOutcome shutdown(UUID id, Duration timeout);

    /** Pulls the plug; WrongState if not running. */
    void forceOff(UUID id);

    /** Asks the guest to reboot. */
    void reboot(UUID id);

    /** Pauses the vCPUs; WrongState if not running. */
    void suspend(UUID id);

    /** Resumes paused vCPUs; WrongState if not paused. */
    void resume(UUID id);

    /**
     * Removes the domain definition and the volumes this driver created for it (never a base
     * image). WrongState if the VM is running.
     */
    void undefine(UUID id);

    VmInfo info(UUID id);

    Optional<VmInfo> findByName(String name);

    /** All domains of the host, managed and unmanaged, from one bulk listing. */
    List<VmInfo> listAll();

    /** {@link #listAll()} with a timestamp, for periodic resync. */
    StateSnapshot snapshot();

    /** Guest interfaces and their addresses from the host's DHCP leases. */
    List<VmInterface> interfaceAddresses(UUID id);

    /**
     * What the guest agent says (OS name, host name, addresses) when it answers, else the DHCP leases' addresses with
     * {@code agentConnected} false. A VM that is not running has no agent and no addresses.
     */
    GuestInfo guestInfo(UUID id);

    /** The VNC endpoint of a running VM with VNC graphics. */
    Optional<VncEndpoint> vncEndpoint(UUID id);

    /** A PNG screenshot of the VM's display. */
    byte[] screenshotPng(UUID id);

    /** The last {@code maxBytes} bytes of the VM's serial log, "" if there is none yet. */
    String serialLogTail(UUID id, int maxBytes);

    VmStats stats(UUID id);

    /**
     * Connects to the running VM's serial console (libvirt's console stream, so it works for remote hosts too).
     * One session per VM at a time: a second is refused with {@link HypervisorException.WrongState}.
     */
    SerialSession openSerial(UUID id, SerialSession.Listener listener);

    // ---- storage -------------------------------------------------------------------------

    /**
     * Makes sure a directory pool with this name exists at {@code path}, is built, active and
     * autostarted. {@code path} comes from operator configuration, never from a user.
     */
    PoolInfo ensureDirectoryPool(String name, Path path);

    PoolInfo poolInfo(String name);

    /**
     * Imports a base image into a pool. The file's real format must equal {@code format}, and
     * images with a backing file or an external data file are refused. {@code sourceFile} is a
     * file the console trusts (its image catalog), read on the console's machine and uploaded.
     */
    VolumeInfo importBaseImage(VolumeRef target, Path sourceFile, DiskFormat format);

    /**
     * Creates a raw volume holding {@code content} (e.g. a cloud-init seed ISO), uploaded through libvirt so that it
     * works for remote hosts too. Conflict if the volume exists; nothing is left behind when the upload fails.
     */
    VolumeInfo uploadVolume(VolumeRef ref, byte[] content);

    /** Creates an empty volume. */
    VolumeInfo createVolume(VolumeRef ref, long capacityBytes, DiskFormat format);

    /** Creates a qcow2 (compat 1.1) overlay whose backing store is {@code base} in the stated format. */
    VolumeInfo createOverlay(VolumeRef ref, VolumeRef base, DiskFormat baseFormat);

    VolumeInfo volumeInfo(VolumeRef ref);

    List<VolumeInfo> listVolumes(String pool);

    void deleteVolume(VolumeRef ref);

    // ---- events --------------------------------------------------------------------------

    /** Subscribes to lifecycle and connection events of this host. */
    Subscription subscribe(HypervisorListener listener);

    /** Closes the connection and stops the driver's threads for this host. */
    @Override
    void close();
}
