package io.gureum.console.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant of the cloud: resources, members and a quota belong to one project. */
@Entity
@Table(name = "project")
class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false)
    private boolean archived;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Project() {
    }

    Project(String name, Instant now) {
        this.name = name;
        this.createdAt = now;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean archived() {
        return archived;
    }

    void rename(String newName) {
        this.name = newName;
    }

    void archive() {
        this.archived = true;
    }

    ProjectSummary summary(ProjectRole role) {
        return new ProjectSummary(id, name, archived, createdAt, role);
    }
}
