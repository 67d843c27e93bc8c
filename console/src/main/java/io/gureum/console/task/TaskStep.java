package io.gureum.console.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One step of a task, in the order the work reported it. */
@Entity
@Table(name = "task_step")
@IdClass(TaskStep.Key.class)
class TaskStep {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";

    @Id
    @Column(name = "task_id")
    private UUID taskId;

    @Id
    @Column(name = "position")
    private int position;

    @Column(nullable = false, length = 255)
    private String description;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected TaskStep() {
    }

    TaskStep(UUID taskId, int position, String description, Instant now) {
        this.taskId = taskId;
        this.position = position;
        this.description = description == null || description.isBlank() ? "(unnamed step)"
                : description.length() > 255 ? description.substring(0, 254) + "…" : description;
        this.state = RUNNING;
        this.startedAt = now;
    }

    boolean running() {
        return RUNNING.equals(state);
    }

    void end(String endState, Instant now) {
        state = endState;
        finishedAt = now;
    }

    TaskStepView view() {
        return new TaskStepView(position, description, state, startedAt, finishedAt);
    }

    /** The composite key (task, position). */
    static class Key implements Serializable {
        private UUID taskId;
        private int position;

        Key() {
        }

        Key(UUID taskId, int position) {
            this.taskId = taskId;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && position == key.position && Objects.equals(taskId, key.taskId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, position);
        }
    }
}
