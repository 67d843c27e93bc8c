package io.gureum.console.container;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A container the console manages: what was asked for, where it runs, and its observed state. */
@Entity
@Table(name = "container")
class ManagedContainer {

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

    @Column(name = "state_reason")
    private String stateReason;

    @Column(name = "error_message", length = 4000)
    private String errorMessage;

    @Column(length = 16)
    private String health;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private long version;

    protected ManagedContainer() {
    }

    ManagedContainer(UUID id, String name, long projectId, String owner, String image, String command, int millicpus,
                     long memoryMib, String restartPolicy, Integer containerPort, Instant now) {
        this.id = id;
        this.name = name;
        this.projectId = projectId;
        this.owner = owner;
        this.image = image;
        this.command = command;
        this.millicpus = millicpus;
        this.memoryMib = memoryMib;
        this.restartPolicy = restartPolicy;
        this.containerPort = containerPort;
        // Unique on every engine, recognisable by hand: "g-1a2b3c4d-web".
        String prefix = "g-" + id.toString().substring(0, 8) + "-";
        this.engineName = prefix + name.substring(0, Math.min(name.length(), 63 - prefix.length()));
        this.state = ContainerStatus.PROVISIONING;
        this.createdAt = now;
        this.updatedAt = now;
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
        c.hostId = hostId;
        c.engineId = engineId;
        c.observed(state, reason, now);
        c.desiredState = state == ContainerStatus.RUNNING || state == ContainerStatus.PAUSED ? ContainerStatus.RUNNING
                : ContainerStatus.STOPPED;
        return c;
    }

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

    Instant updatedAt() {
        return updatedAt;
    }

    ContainerStatus desiredState() {
        return desiredState;
    }

    /** What the console was asked for: RUNNING or STOPPED. */
    void desire(ContainerStatus desired, Instant now) {
        this.desiredState = desired;
        this.updatedAt = now;
    }

    Integer containerPort() {
        return containerPort;
    }

    ContainerStatus state() {
        return state;
    }

    String health() {
        return health;
    }

    void placed(UUID hostId, Instant now) {
        this.hostId = hostId;
        this.updatedAt = now;
    }

    void created(String engineId, Integer hostPort, Instant now) {
        this.engineId = engineId;
        this.hostPort = hostPort;
        this.updatedAt = now;
    }

    void observed(ContainerStatus state, String reason, Instant now) {
        this.state = state;
        this.stateReason = reason == null ? null : reason.substring(0, Math.min(reason.length(), 255));
        this.updatedAt = now;
    }

    void health(String health, Instant now) {
        this.health = health;
        this.updatedAt = now;
    }

    void failed(String message, Instant now) {
        this.state = ContainerStatus.ERROR;
        this.errorMessage = message == null ? null : message.substring(0, Math.min(message.length(), 4000));
        this.engineId = null;
        this.updatedAt = now;
    }

    ContainerSummary summary(String hostName) {
        return new ContainerSummary(id, name, projectId, owner, hostId, hostName, engineId, image, command, cpus(),
                memoryMib, restartPolicy, containerPort, hostPort, state, stateReason, errorMessage, health, createdAt,
                updatedAt);
    }
}
