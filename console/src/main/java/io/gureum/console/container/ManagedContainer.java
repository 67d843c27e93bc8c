package io.gureum.console.container;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import io.gureum.console.workload.WorkloadEntity;
import java.time.Instant;
import java.util.UUID;

/** A container the console manages: what was asked for, where it runs, and its observed state. */
@Entity
@Table(name = "container")
class ManagedContainer extends WorkloadEntity<ContainerStatus> {

    @Column(name = "engine_id", length = 128)
    private String engineId;

    @Column(name = "engine_name", nullable = false, length = 63)
    private String engineName;

    @Column(nullable = false, length = 255)
    private String image;

    @Column(length = 1000)
    private String command;

    @Column(nullable = false)
    private int millicpus;

    @Column(name = "memory_mib", nullable = false)
    private long memoryMib;

    @Column(name = "restart_policy", nullable = false, length = 32)
    private String restartPolicy;

    /** RUNNING unless the container was stopped through the console (or adopted stopped). */
    @Enumerated(EnumType.STRING)
    @Column(name = "desired_state", nullable = false, length = 16)
    private ContainerStatus desiredState = ContainerStatus.RUNNING;

    @Column(name = "container_port")
    private Integer containerPort;

    @Column(name = "host_port")
    private Integer hostPort;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ContainerStatus state;

    @Column(length = 16)
    private String health;

    protected ManagedContainer() {
    }

    ManagedContainer(UUID id, String name, long projectId, String owner, String image, String command, int millicpus,
                     long memoryMib, String restartPolicy, Integer containerPort, Instant now) {
        super(id, name, projectId, owner, now);
        this.image = image;
        this.command = command;
        this.millicpus = millicpus;
        this.memoryMib = memoryMib;
        this.restartPolicy = restartPolicy;
        this.containerPort = containerPort;
        this.engineName = hostSideName(id, name);
        this.state = ContainerStatus.PROVISIONING;
    }

    /**
     * A container made by hand on an engine, taken over by the console as it is. {@code engineName} is
     * the container's own name (made unique by the caller when another row has it).
     */
    static ManagedContainer adopted(UUID id, String name, long projectId, String owner, UUID hostId, String engineId,
                                    String engineName, String image, int millicpus, long memoryMib,
                                    String restartPolicy, ContainerStatus state, String reason, Instant now) {
        ManagedContainer c = new ManagedContainer(id, name, projectId, owner, image, null, millicpus, memoryMib,
                restartPolicy, null, now);
        c.engineName = engineName;
        c.engineId = engineId;
        c.desiredState = c.adoptedOn(hostId, state, reason, now);
        return c;
    }

    String engineId() {
        return engineId;
    }

    String engineName() {
        return engineName;
    }

    String image() {
        return image;
    }

    String command() {
        return command;
    }

    double cpus() {
        return millicpus / 1000.0;
    }

    long memoryMib() {
        return memoryMib;
    }

    String restartPolicy() {
        return restartPolicy;
    }

    @Override
    public ContainerStatus state() {
        return state;
    }

    @Override
    protected void state(ContainerStatus state) {
        this.state = state;
    }

    ContainerStatus desiredState() {
        return desiredState;
    }

    /** What the console was asked for: RUNNING or STOPPED. */
    void desire(ContainerStatus desired, Instant now) {
        this.desiredState = desired;
        touched(now);
    }

    Integer containerPort() {
        return containerPort;
    }

    String health() {
        return health;
    }

    void created(String engineId, Integer hostPort, Instant now) {
        this.engineId = engineId;
        this.hostPort = hostPort;
        touched(now);
    }

    void health(String health, Instant now) {
        this.health = health;
        touched(now);
    }

    @Override
    public void failed(String message, Instant now) {
        this.engineId = null;
        failed(ContainerStatus.ERROR, message, now);
    }

    @Override
    public ContainerSummary summary(String hostName) {
        return new ContainerSummary(id(), name(), projectId(), owner(), hostId(), hostName, engineId, image, command,
                cpus(), memoryMib, restartPolicy, containerPort, hostPort, state, stateReason(), errorMessage(), health,
                createdAt(), updatedAt());
    }
}
