package io.gureum.console.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A VM the console manages: what was asked for, where it runs, and its observed state. */
@Entity
@Table(name = "virtual_machine")
class VirtualMachine {

    @Id
    private UUID id;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "project_id", nullable = false)
    private long projectId;

    @Column(nullable = false, length = 64)
    private String owner;

    @Column(name = "host_id")
    private UUID hostId;

    @Column(name = "domain_uuid")
    private UUID domainUuid;

    @Column(name = "domain_name", nullable = false, length = 63)
    private String domainName;

    @Column(name = "image_id", nullable = false, length = 64)
    private String imageId;

    @Column(nullable = false)
    private int vcpus;

    @Column(name = "memory_mib", nullable = false)
    private long memoryMib;

    @Column(name = "disk_gib", nullable = false)
    private int diskGib;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private VmStatus state;

    @Enumerated(EnumType.STRING)
    @Column(name = "desired_state", nullable = false, length = 16)
    private VmStatus desiredState;

    @Enumerated(EnumType.STRING)
    @Column(name = "restart_policy", nullable = false, length = 16)
    private RestartPolicy restartPolicy;

    @Column(name = "state_reason")
    private String stateReason;

    @Column(name = "error_message", length = 4000)
    private String errorMessage;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private long version;

    protected VirtualMachine() {
    }

    VirtualMachine(UUID id, String name, long projectId, String owner, String imageId, int vcpus, long memoryMib,
                   int diskGib, Instant now) {
        this.id = id;
        this.name = name;
        this.projectId = projectId;
        this.owner = owner;
        this.imageId = imageId;
        this.vcpus = vcpus;
        this.memoryMib = memoryMib;
        this.diskGib = diskGib;
        // Unique on every host, recognisable by hand: "g-1a2b3c4d-web".
        String prefix = "g-" + id.toString().substring(0, 8) + "-";
        this.domainName = prefix + name.substring(0, Math.min(name.length(), 63 - prefix.length()));
        this.state = VmStatus.PROVISIONING;
        this.desiredState = VmStatus.RUNNING;
        this.restartPolicy = RestartPolicy.NEVER;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A domain made by hand on a host, taken over by the console as it is: no image ("adopted"), its
     * disks not counted (diskGib 0), restart policy NEVER, wanted in the state it is in now.
     * {@code domainName} is the domain's own name (made unique by the caller when another row has it).
     */
    static VirtualMachine adopted(UUID id, String name, long projectId, String owner, UUID hostId, UUID domainUuid,
                                  String domainName, int vcpus, long memoryMib, VmStatus state, String reason,
                                  Instant now) {
        VirtualMachine vm = new VirtualMachine(id, name, projectId, owner, ADOPTED_IMAGE, vcpus, memoryMib, 0, now);
        vm.domainName = domainName;
        vm.hostId = hostId;
        vm.domainUuid = domainUuid;
        vm.state = state;
        vm.stateReason = reason;
        vm.desiredState = state == VmStatus.RUNNING || state == VmStatus.PAUSED ? VmStatus.RUNNING : VmStatus.STOPPED;
        return vm;
    }

    /** The image id of VMs the console adopted rather than made. */
    static final String ADOPTED_IMAGE = "adopted";

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    long projectId() {
        return projectId;
    }

    UUID hostId() {
        return hostId;
    }

    UUID domainUuid() {
        return domainUuid;
    }

    String domainName() {
        return domainName;
    }

    String imageId() {
        return imageId;
    }

    int vcpus() {
        return vcpus;
    }

    long memoryMib() {
        return memoryMib;
    }

    VmStatus state() {
        return state;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    VmStatus desiredState() {
        return desiredState;
    }

    RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    /** What the owner last asked for: RUNNING (create, start) or STOPPED (shutdown, force off). */
    void desire(VmStatus desired, Instant now) {
        this.desiredState = desired;
        this.updatedAt = now;
    }

    void restartPolicy(RestartPolicy policy, Instant now) {
        this.restartPolicy = policy;
        this.updatedAt = now;
    }

    void placed(UUID hostId, Instant now) {
        this.hostId = hostId;
        this.updatedAt = now;
    }

    void defined(UUID domainUuid, Instant now) {
        this.domainUuid = domainUuid;
        this.updatedAt = now;
    }

    void observed(VmStatus state, String reason, Instant now) {
        this.state = state;
        this.stateReason = reason;
        this.updatedAt = now;
    }

    void failed(String message, Instant now) {
        this.state = VmStatus.ERROR;
        this.errorMessage = message == null ? null : message.substring(0, Math.min(message.length(), 4000));
        this.domainUuid = null;
        this.updatedAt = now;
    }

    Instant createdAt() {
        return createdAt;
    }

    VmSummary summary(String hostName) {
        return new VmSummary(id, name, projectId, owner, hostId, hostName, imageId, vcpus, memoryMib, diskGib, state,
                stateReason, errorMessage, restartPolicy, desiredState, createdAt, updatedAt);
    }
}
