package io.gureum.hypervisor.bench;

import io.gureum.hypervisor.libvirt.EventLoopAccess;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The raw libvirt-java baseline for VM provisioning: what the console's "create and start" does,
 * written directly against libvirt-java with nothing in between: a qcow2 overlay volume backed by
 * the base image, a domain with direct kernel boot (same vCPUs, memory, virtio disk, NIC on a
 * network, serial console, VNC on loopback), start, and wait for the STARTED lifecycle event.
 * Plain Java types only in its API, so that console benchmarks can call it.
 * Every call runs on the caller's thread, which must be a platform thread.
 */
public final class RawLibvirtProvisioning implements AutoCloseable {

    /** What to make; the same as the console makes for its VM. */
    public record Guest(String pool, String baseVolume, String kernel, String initrd, String cmdline, int vcpus,
                        long memoryMib, String domainType, String network, boolean serialLogFile, Path serialLogDir) {
    }

    private final Connect connect;
    private final LifecycleListener listener;
    private final Map<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();

    public RawLibvirtProvisioning(String uri) {
        EventLoopAccess.ensureRunning(); // before the connection opens, or it gets no events
        try {
            connect = new Connect(uri, false);
            listener = (domain, event) -> {
                if (event.getType() == DomainEventType.STARTED) {
                    long now = System.nanoTime();
                    try {
                        CompletableFuture<Long> waiting = started.get(domain.getUUIDString());
                        if (waiting != null) {
                            waiting.complete(now);
                        }
                    } catch (LibvirtException ignored) {
                        // not ours
                    }
                }
                return 0;
            };
            connect.addLifecycleListener(listener);
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Whether the base volume exists in the pool (the console prepares it on its first VM). */
    public boolean hasVolume(String pool, String volume) {
        try {
            StoragePool p = connect.storagePoolLookupByName(pool);
            try {
                p.storageVolLookupByName(volume).free();
                return true;
            } finally {
                p.free();
            }
        } catch (LibvirtException e) {
            return false;
        }
    }

    /**
     * Overlay + define + start, until the STARTED event for the domain arrives; returns the nanoseconds
     * from the first libvirt call to the event.
     */
    public long createAndStart(String name, Guest guest) {
        UUID uuid = UUID.randomUUID();
        CompletableFuture<Long> event = new CompletableFuture<>();
        started.put(uuid.toString(), event);
        long t0 = System.nanoTime();
        try {
            StoragePool pool = connect.storagePoolLookupByName(guest.pool());
            String diskPath;
            try {
                StorageVol base = pool.storageVolLookupByName(guest.baseVolume());
                long capacity;
                String basePath;
                try {
                    capacity = base.getInfo().capacity;
                    basePath = base.getPath();
                } finally {
                    base.free();
                }
                StorageVol overlay = pool.storageVolCreateXML(overlayXml(name + "-disk0.qcow2", capacity, basePath), 0);
                try {
                    diskPath = overlay.getPath();
                } finally {
                    overlay.free();
                }
            } finally {
                pool.free();
            }
            Domain domain = connect.domainDefineXML(domainXml(name, uuid, guest));
            try {
                domain.create();
            } finally {
                domain.free();
            }
            long at = event.get(60, TimeUnit.SECONDS);
            return at - t0;
        } catch (LibvirtException e) {
            throw new IllegalStateException("raw provisioning of " + name + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("no STARTED event for " + name + ": " + e, e);
        } finally {
            started.remove(uuid.toString());
        }
    }

    /** Destroys and undefines the domain and deletes its overlay volume and serial log; quiet when gone. */
    public void remove(String name, Guest guest) {
        try {
            Domain d = connect.domainLookupByName(name);
            try {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
            } finally {
                d.free();
            }
        } catch (LibvirtException gone) {
            // not there
        }
        try {
            StoragePool pool = connect.storagePoolLookupByName(guest.pool());
            try {
                StorageVol v = pool.storageVolLookupByName(name + "-disk0.qcow2");
                v.delete(0);
                v.free();
            } finally {
                pool.free();
            }
        } catch (LibvirtException gone) {
            // not there
        }
        if (guest.serialLogFile()) {
            try {
                Files.deleteIfExists(guest.serialLogDir().resolve(name + "-serial.log"));
            } catch (java.io.IOException ignored) {
                // libvirt's to clean
            }
        }
    }

    /** Creates a blank qcow2 volume (the test driver keeps no files; the console does the same there). */
    public void createBlankVolume(String pool, String volume, long bytes) {
        try {
            StoragePool p = connect.storagePoolLookupByName(pool);
            try {
                p.storageVolCreateXML("<volume><name>" + volume + "</name><capacity unit='bytes'>" + bytes
                        + "</capacity><target><format type='qcow2'/></target></volume>", 0).free();
            } finally {
                p.free();
            }
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot create " + volume + ": " + e.getMessage(), e);
        }
    }

    public void deleteVolume(String pool, String volume) {
        try {
            StoragePool p = connect.storagePoolLookupByName(pool);
            try {
                StorageVol v = p.storageVolLookupByName(volume);
                v.delete(0);
                v.free();
            } finally {
                p.free();
            }
        } catch (LibvirtException ignored) {
            // gone
        }
    }

    private static String overlayXml(String name, long capacity, String basePath) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity>"
                + "<allocation unit='bytes'>0</allocation><target><format type='qcow2'/><compat>1.1</compat></target>"
                + "<backingStore><path>" + basePath + "</path><format type='qcow2'/></backingStore></volume>";
    }

    private static String domainXml(String name, UUID uuid, Guest g) {
        String serial = g.serialLogFile()
                ? "<serial type='pty'><log file='" + g.serialLogDir().resolve(name + "-serial.log")
                + "' append='on'/><target port='0'/></serial>"
                : "<serial type='pty'><target port='0'/></serial>";
        return "<domain type='" + g.domainType() + "'><name>" + name + "</name><uuid>" + uuid + "</uuid>"
                + "<memory unit='MiB'>" + g.memoryMib() + "</memory><currentMemory unit='MiB'>" + g.memoryMib()
                + "</currentMemory><vcpu placement='static'>" + g.vcpus() + "</vcpu>"
                + "<os><type arch='x86_64'>hvm</type><kernel>" + g.kernel() + "</kernel><initrd>" + g.initrd()
                + "</initrd><cmdline>" + g.cmdline() + " gureum.hostname=" + name + "</cmdline></os>"
                + "<features><acpi/><apic/></features>"
                + "<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>"
                + "<devices>"
                + "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                + "<source pool='" + g.pool() + "' volume='" + name + "-disk0.qcow2'/><target dev='vda' bus='virtio'/></disk>"
                + "<interface type='network'><source network='" + g.network() + "'/><model type='virtio'/></interface>"
                + serial
                // The same guest agent channel the driver gives every domain, so both sides define the same shape.
                + "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
                + "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>"
                + "<video><model type='vga'/></video><memballoon model='virtio'/>"
                + "</devices></domain>";
    }

    @Override
    public void close() {
        try {
            connect.removeLifecycleListener(listener);
        } catch (LibvirtException ignored) {
            // closing anyway
        }
        try {
            connect.close();
        } catch (LibvirtException ignored) {
            // closing anyway
        }
    }
}
