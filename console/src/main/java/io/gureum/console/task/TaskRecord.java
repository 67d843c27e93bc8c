package io.gureum.console.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One task as stored: what it is about, who asked for it, and where it is in its life. */
@Entity
@Table(name = "task")
class TaskRecord {

    static final int MESSAGE_LENGTH = 4000;

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "target_type", nullable = false, length = 32)
    private String targetType;

    @Column(name = "target_id", nullable = false, length = 64)
    private String targetId;

    @Column(name = "target_name", nullable = false, length = 255)
    private String targetName;

    @Column(name = "project_id")
    private Long projectId;

    @Column(nullable = false, length = 64)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskState state;

    @Column(nullable = false)
    private int progress;

    @Column(length = MESSAGE_LENGTH)
    private String message;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The console instance running the task (system/ConsoleInstance); null for tasks recorded before V22. */
    @Column(name = "instance_id", length = 36)
    private String instanceId;

    protected TaskRecord() {
    }

    TaskRecord(UUID id, TaskRequest request, String actor, String instanceId, Instant now) {
        this.id = id;
        this.action = request.action();
        this.targetType = request.targetType();
        this.targetId = request.targetId();
        this.targetName = request.targetName() == null ? request.targetId() : request.targetName();
        this.projectId = request.projectId();
        this.actor = actor;
        this.state = TaskState.QUEUED;
        this.progress = 0;
        this.createdAt = now;
        this.instanceId = instanceId;
    }

    String instanceId() {
        return instanceId;
    }

    UUID id() {
        return id;
    }

    TaskState state() {
        return state;
    }

    String actor() {
        return actor;
    }

    Long projectId() {
        return projectId;
    }

    void started(Instant now) {
        state = TaskState.RUNNING;
        startedAt = now;
    }

    void progress(int percent) {
        progress = Math.max(0, Math.min(100, percent));
    }

    void succeeded(Instant now) {
        state = TaskState.SUCCEEDED;
        progress = 100;
        finishedAt = now;
    }

    void failed(String why, Instant now) {
        state = TaskState.FAILED;
        message = clip(why);
        finishedAt = now;
    }

    TaskSummary summary() {
        return new TaskSummary(id, action, targetType, targetId, targetName, projectId, actor, state, progress,
                message, createdAt, startedAt, finishedAt);
    }

    static String clip(String text) {
        if (text == null || text.length() <= MESSAGE_LENGTH) {
            return text;
        }
        return text.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
}
