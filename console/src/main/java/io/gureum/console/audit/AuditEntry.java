package io.gureum.console.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of the audit log. Immutable: Hibernate never issues an update for it. */
@Entity
@Immutable
@Table(name = "audit_entry")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 64)
    private String actor;

    @Column(name = "project_id")
    private Long projectId;

    @Column(nullable = false, length = 255)
    private String target;

    @Column(nullable = false, length = 64)
    private String action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Outcome outcome;

    @Column(nullable = false, length = 1000)
    private String detail;

    // The API token the actor used, if the entry was written during a token request.
    @Column(name = "via_token", length = 64)
    private String viaToken;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, String actor, Long projectId, String target, String action, Outcome outcome,
               String detail) {
        this.occurredAt = occurredAt;
        this.actor = cut(actor, 64);
        this.projectId = projectId;
        this.target = cut(target, 255);
        this.action = cut(action, 64);
        this.outcome = outcome;
        this.detail = cut(detail, 1000);
    }

    AuditEntry(Instant occurredAt, String actor, String viaToken, Long projectId, String target, String action,
               Outcome outcome, String detail) {
        this(occurredAt, actor, projectId, target, action, outcome, detail);
        this.viaToken = viaToken == null ? null : cut(viaToken, 64);
    }

    AuditRecord record() {
        return new AuditRecord(id, occurredAt, actor, viaToken, projectId, target, action, outcome, detail);
    }

    private static String cut(String value, int max) {
        String text = value == null ? "" : value;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
