package io.gureum.console.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A registered host and what the console last observed of it. */
@Entity
@Table(name = "host")
class Host {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(name = "libvirt_uri", nullable = false, length = 512)
    private String libvirtUri;

    @Column(name = "container_endpoint", length = 512)
    private String containerEndpoint;

    @Column(nullable = false)
    private boolean simulated;

    @Column(nullable = false)
    private boolean maintenance;

    @Column(name = "domain_type", nullable = false, length = 8)
    private String domainType;

    @Column(name = "domain_type_reason", nullable = false, length = 512)
    private String domainTypeReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private HostStatus status;

    @Column(name = "status_message", length = 2000)
    private String statusMessage;

    @Column(name = "unreachable_since")
    private Instant unreachableSince;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(nullable = false)
    private int cpus;

    @Column(name = "cpu_model", length = 128)
    private String cpuModel;

    @Column(name = "memory_total_bytes", nullable = false)
    private long memoryTotalBytes;

    @Column(name = "memory_free_bytes", nullable = false)
    private long memoryFreeBytes;

    @Column(name = "storage_capacity_bytes", nullable = false)
    private long storageCapacityBytes;

    @Column(name = "storage_available_bytes", nullable = false)
    private long storageAvailableBytes;

    @Column(name = "allocated_vcpus", nullable = false)
    private int allocatedVcpus;

    @Column(name = "allocated_memory_mib", nullable = false)
    private long allocatedMemoryMib;

    @Column(name = "unmanaged_vcpus", nullable = false)
    private int unmanagedVcpus;

    @Column(name = "unmanaged_memory_mib", nullable = false)
    private long unmanagedMemoryMib;

    @Column(name = "domains_running", nullable = false)
    private int domainsRunning;

    @Column(name = "domains_total", nullable = false)
    private int domainsTotal;

    @Column(name = "libvirt_version", length = 64)
    private String libvirtVersion;

    @Column(name = "hypervisor_version", length = 64)
    private String hypervisorVersion;

    @Column(name = "engine_product", length = 16)
    private String engineProduct;

    @Column(name = "engine_version", length = 64)
    private String engineVersion;

    @Column(name = "engine_message", length = 1000)
    private String engineMessage;

    @Column(name = "storage_pool", nullable = false, length = 64)
    private String storagePool;

    @Column(name = "storage_pool_path", nullable = false, length = 512)
    private String storagePoolPath;

    @Column(name = "storage_pool_active", nullable = false)
    private boolean storagePoolActive;

    @Column(name = "storage_pool_note", length = 1000)
    private String storagePoolNote;

    @Column(name = "storage_pool_problem", length = 2000)
    private String storagePoolProblem;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(nullable = false)
    private long version;

    protected Host() {
    }

    /** A host with the default pool for its kind (the configured default name and directory, or the test driver's). */
    Host(String name, String libvirtUri, String containerEndpoint, boolean simulated, String domainType,
         String domainTypeReason, Instant now) {
        this(name, libvirtUri, containerEndpoint, simulated, domainType, domainTypeReason,
                simulated ? HostStorage.SIMULATED : HostStorage.CONFIGURED_DEFAULT, now);
    }

    Host(String name, String libvirtUri, String containerEndpoint, boolean simulated, String domainType,
         String domainTypeReason, HostStorage.Place storage, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.libvirtUri = libvirtUri;
        this.containerEndpoint = containerEndpoint;
        this.simulated = simulated;
        this.domainType = domainType;
        this.domainTypeReason = domainTypeReason;
        this.status = HostStatus.UNKNOWN;
        this.storagePool = storage.name();
        this.storagePoolPath = storage.path().toString();
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String libvirtUri() {
        return libvirtUri;
    }

    String containerEndpoint() {
        return containerEndpoint;
    }

    HostStorage.Place storagePlace() {
        return new HostStorage.Place(storagePool, java.nio.file.Path.of(storagePoolPath));
    }

    HostStatus status() {
        return status;
    }

    void setMaintenance(boolean maintenance) {
        this.maintenance = maintenance;
    }

    /** Records what the host answered. */
    void observedUp(Observation seen, Instant now) {
        this.status = HostStatus.UP;
        this.statusMessage = null;
        this.unreachableSince = null;
        this.lastSeenAt = now;
        this.cpus = seen.cpus();
        this.cpuModel = truncate(seen.cpuModel(), 128);
        this.memoryTotalBytes = seen.memoryTotalBytes();
        this.memoryFreeBytes = seen.memoryFreeBytes();
        this.storageCapacityBytes = seen.storageCapacityBytes();
        this.storageAvailableBytes = seen.storageAvailableBytes();
        this.allocatedVcpus = seen.allocatedVcpus();
        this.allocatedMemoryMib = seen.allocatedMemoryMib();
        this.unmanagedVcpus = seen.unmanagedVcpus();
        this.unmanagedMemoryMib = seen.unmanagedMemoryMib();
        this.domainsRunning = seen.domainsRunning();
        this.domainsTotal = seen.domainsTotal();
        this.libvirtVersion = truncate(seen.libvirtVersion(), 64);
        this.hypervisorVersion = truncate(seen.hypervisorVersion(), 64);
        this.engineProduct = seen.engineProduct();
        this.engineVersion = truncate(seen.engineVersion(), 64);
        this.engineMessage = truncate(seen.engineMessage(), 1000);
        this.storagePoolActive = seen.storagePoolActive();
        if (seen.storagePoolDid() != null) {
            this.storagePoolNote = seen.storagePoolDid() + " by the console at "
                    + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        this.storagePoolProblem = truncate(seen.storagePoolProblem(), 2000);
    }

    /**
     * Records that libvirt did not answer; keeps the first moment it stopped answering. The container engine is
     * asked on its own and its answer recorded all the same: containers do not depend on libvirt.
     */
    void observedUnreachable(String why, HostObserver.EngineFacts engine, Instant now) {
        if (status != HostStatus.UNREACHABLE || unreachableSince == null) {
            this.unreachableSince = now;
        }
        this.status = HostStatus.UNREACHABLE;
        this.statusMessage = truncate(why, 2000);
        this.engineProduct = engine.product();
        this.engineVersion = truncate(engine.version(), 64);
        this.engineMessage = truncate(engine.message(), 1000);
    }

    HostSummary summary() {
        return new HostSummary(id, name, libvirtUri, containerEndpoint, simulated, maintenance, domainType,
                domainTypeReason, status, statusMessage, unreachableSince, lastSeenAt, cpus, cpuModel,
                memoryTotalBytes, memoryFreeBytes, storageCapacityBytes, storageAvailableBytes, allocatedVcpus,
                allocatedMemoryMib, unmanagedVcpus, unmanagedMemoryMib, domainsRunning, domainsTotal, libvirtVersion,
                hypervisorVersion, engineProduct, engineVersion, engineMessage,
                new StoragePoolState(storagePool, storagePoolPath, storagePoolActive, storagePoolNote,
                        storagePoolProblem));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /**
     * One answer from a host: facts plus what its domains use. Storage is the console's pool only (where VM disks
     * go); {@code storagePoolDid} is what the console did to the pool now ("created", "started", or null).
     */
    record Observation(int cpus, String cpuModel, long memoryTotalBytes, long memoryFreeBytes,
                       long storageCapacityBytes, long storageAvailableBytes, int allocatedVcpus,
                       long allocatedMemoryMib, int unmanagedVcpus, long unmanagedMemoryMib, int domainsRunning,
                       int domainsTotal, String libvirtVersion,
                       String hypervisorVersion, String engineProduct, String engineVersion, String engineMessage,
                       boolean storagePoolActive, String storagePoolDid, String storagePoolProblem) {
    }
}
