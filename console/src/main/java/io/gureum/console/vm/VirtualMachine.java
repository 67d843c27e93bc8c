package io.gureum.console.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import io.gureum.console.workload.WorkloadEntity;
import java.time.Instant;
import java.util.UUID;

/** A VM the console manages: what was asked for, where it runs, and its observed state. */
@Entity
@Table(name = "virtual_machine")
class VirtualMachine extends WorkloadEntity<VmStatus> {

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

    protected VirtualMachine() {
    }

    VirtualMachine(UUID id, String name, long projectId, String owner, String imageId, int vcpus, long memoryMib,
                   int diskGib, Instant now) {
        super(id, name, projectId, owner, now);
        this.imageId = imageId;
        this.vcpus = vcpus;
        this.memoryMib = memoryMib;
        this.diskGib = diskGib;
        this.domainName = hostSideName(id, name);
        this.state = VmStatus.PROVISIONING;
        this.desiredState = VmStatus.RUNNING;
        this.restartPolicy = RestartPolicy.NEVER;
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
        vm.domainUuid = domainUuid;
        vm.desiredState = vm.adoptedOn(hostId, state, reason, now);
        return vm;
    }

    /** The image id of VMs the console adopted rather than made. */
    static final String ADOPTED_IMAGE = "adopted";

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

    @Override
    public VmStatus state() {
        return state;
    }

    @Override
    protected void state(VmStatus state) {
        this.state = state;
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
        touched(now);
    }

    void restartPolicy(RestartPolicy policy, Instant now) {
        this.restartPolicy = policy;
        touched(now);
    }

    void defined(UUID domainUuid, Instant now) {
        this.domainUuid = domainUuid;
        touched(now);
    }

    @Override
    public void failed(String message, Instant now) {
        this.domainUuid = null;
        failed(VmStatus.ERROR, message, now);
    }

    @Override
    public VmSummary summary(String hostName) {
        return new VmSummary(id(), name(), projectId(), owner(), hostId(), hostName, imageId, vcpus, memoryMib, diskGib,
                state, stateReason(), errorMessage(), restartPolicy, desiredState, createdAt(), updatedAt());
    }
}
