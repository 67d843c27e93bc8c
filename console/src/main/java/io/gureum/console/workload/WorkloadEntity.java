package io.gureum.console.workload;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns and bookkeeping every kind's row has: identity, project and owner, host, the reason of the observed
 * state, the error of a failed create, timestamps and the version the optimistic lock checks. Each kind keeps its
 * own table (no data moves) and its own state enum; {@code S} is that enum.
 */
@MappedSuperclass
public abstract class WorkloadEntity<S extends Enum<S> & WorkloadStatus> {

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

    protected WorkloadEntity() {
    }

    protected WorkloadEntity(UUID id, String name, long projectId, String owner, Instant now) {
        this.id = id;
        this.name = name;
        this.projectId = projectId;
        this.owner = owner;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The name on the host: unique on every host, recognisable by hand ("g-1a2b3c4d-web"). */
    protected static String hostSideName(UUID id, String name) {
        String prefix = "g-" + id.toString().substring(0, 8) + "-";
        return prefix + name.substring(0, Math.min(name.length(), 63 - prefix.length()));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long projectId() {
        return projectId;
    }

    public String owner() {
        return owner;
    }

    public UUID hostId() {
        return hostId;
    }

    public String stateReason() {
        return stateReason;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the row was last written: the state sync leaves a row written after its listing began alone. */
    public Instant updatedAt() {
        return updatedAt;
    }

    public abstract S state();

    /** The row as views and other features see it, on the host named {@code hostName}. */
    public abstract WorkloadSummary summary(String hostName);

    protected abstract void state(S state);

    /** Records an observed state and its reason (cut to its column). */
    public void observed(S state, String reason, Instant now) {
        state(state);
        this.stateReason = reason == null ? null : reason.substring(0, Math.min(reason.length(), 255));
        this.updatedAt = now;
    }

    /**
     * A resource made by hand on a host, taken over as it is: placed there in the state observed there. Returns the
     * state it is wanted in from now on: RUNNING when it runs or is paused, STOPPED otherwise.
     */
    protected S adoptedOn(UUID hostId, S state, String reason, Instant now) {
        placed(hostId, now);
        observed(state, reason, now);
        WorkloadState seen = state.toWorkloadState();
        return WorkloadStatus.as(state, seen == WorkloadState.RUNNING || seen == WorkloadState.PAUSED
                ? WorkloadState.RUNNING : WorkloadState.STOPPED);
    }

    public void placed(UUID hostId, Instant now) {
        this.hostId = hostId;
        this.updatedAt = now;
    }

    /** Creating it failed: the row ends in the kind's error state with the message, its host resource forgotten. */
    public abstract void failed(String message, Instant now);

    /** Creating it failed: the error state, the message (cut to its column), no resource on a host any more. */
    protected void failed(S error, String message, Instant now) {
        state(error);
        this.errorMessage = message == null ? null : message.substring(0, Math.min(message.length(), 4000));
        this.updatedAt = now;
    }

    protected void touched(Instant now) {
        this.updatedAt = now;
    }
}
