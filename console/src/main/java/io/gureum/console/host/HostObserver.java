package io.gureum.console.host;

import io.gureum.container.EngineVersion;
import io.gureum.hypervisor.HostInfo;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.PoolInfo;
import io.gureum.hypervisor.VmInfo;
import java.util.List;

/** Asks a host for its facts and what its domains use: two calls, one of them the bulk listing. */
final class HostObserver {

    private HostObserver() {
    }

    /** What a host's container engine answered: product and version, or why it did not. */
    record EngineFacts(String product, String version, String message) {
        static final EngineFacts NONE = new EngineFacts(null, null, null);

        static EngineFacts of(EngineVersion engine) {
            return new EngineFacts(engine.product().name(), engine.version(), null);
        }

        static EngineFacts failed(String message) {
            return new EngineFacts(null, null, message);
        }
    }

    /**
     * The host's facts, what its domains use, and the console's storage pool, made to exist and run when it is
     * missing or stopped: storage counts that pool only (other pools are not where the console puts VM disks).
     */
    static Host.Observation observe(Hypervisor hypervisor, EngineFacts engine, StorageCheck storage) {
        HostInfo info = hypervisor.hostInfo();
        HostStorage.Outcome pool = storage.ensure(hypervisor, info.pools());
        List<VmInfo> domains = hypervisor.listAll();
        PoolInfo ours = pool.pool();
        boolean active = ours != null && ours.active();
        long capacity = active ? ours.capacityBytes() : 0;
        long available = active ? ours.availableBytes() : 0;
        int vcpus = 0;
        long memoryMib = 0;
        int running = 0;
        int unmanagedVcpus = 0;
        long unmanagedMemoryMib = 0;
        for (VmInfo domain : domains) {
            if (domain.state().isActive()) {
                running++;
                vcpus += domain.vcpus();
                memoryMib += domain.memoryMib();
                if (!domain.managed()) {
                    unmanagedVcpus += domain.vcpus();
                    unmanagedMemoryMib += domain.memoryMib();
                }
            }
        }
        return new Host.Observation(info.cpus(), info.cpuModel(), info.memoryTotalBytes(), info.memoryFreeBytes(),
                capacity, available, vcpus, memoryMib, unmanagedVcpus, unmanagedMemoryMib, running, domains.size(), info.libvirtVersion(),
                info.hypervisorVersion(), engine.product(), engine.version(), engine.message(), active,
                pool.did(), pool.problem());
    }

    /** Makes the host's pool exist, given the pools the host just listed. */
    @FunctionalInterface
    interface StorageCheck {
        HostStorage.Outcome ensure(Hypervisor hypervisor, List<PoolInfo> listed);
    }

    static String describe(HostInfo info) {
        return "Connected to " + info.hostname() + ": " + info.cpus() + " CPUs (" + info.cpuModel() + "), "
                + (info.memoryTotalBytes() >> 20) + " MiB memory, libvirt " + info.libvirtVersion()
                + ", hypervisor " + info.hypervisorVersion() + ", domain types " + info.domainTypes() + ".";
    }
}
