package io.gureum.console.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's role in one project. Users are referenced by id: the identity feature owns them. */
@Entity
@Table(name = "project_member")
class ProjectMember {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id", nullable = false)
    private long projectId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ProjectRole role;

    protected ProjectMember() {
    }

    ProjectMember(long projectId, long userId, ProjectRole role) {
        this.projectId = projectId;
        this.userId = userId;
        this.role = role;
    }

    long projectId() {
        return projectId;
    }

    long userId() {
        return userId;
    }

    ProjectRole role() {
        return role;
    }

    void changeRole(ProjectRole newRole) {
        this.role = newRole;
    }
}
