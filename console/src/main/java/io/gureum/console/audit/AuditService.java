package io.gureum.console.audit;

import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit log: administrators see everything, project owners the entries of their projects,
 * everyone else nothing. Writing happens only through events (see {@link AuditListener}).
 */
@Service
public class AuditService {

    /** The most entries one search returns; narrow the filter for more. */
    public static final int MAX_RESULTS = 5000;

    @PersistenceContext
    private EntityManager entityManager;

    private final ProjectAccess access;

    AuditService(ProjectAccess access) {
        this.access = access;
    }

    /** Entries matching the filter that the caller may see, newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<AuditRecord> search(AuditFilter filter) {
        boolean admin = access.isAdmin();
        Set<Long> owned = admin ? Set.of() : access.projectsWhereCallerHolds(ProjectRole.OWNER);
        if (!admin && owned.isEmpty()) {
            return List.of();
        }
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> query = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> entry = query.from(AuditEntry.class);
        List<Predicate> where = new ArrayList<>();
        if (!admin) {
            where.add(entry.get("projectId").in(owned));
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.add(cb.equal(entry.get("actor"), filter.actor().strip()));
        }
        if (filter.projectId() != null) {
            where.add(cb.equal(entry.get("projectId"), filter.projectId()));
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            where.add(cb.like(cb.lower(entry.get("action")),
                    "%" + filter.action().strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%"));
        }
        if (filter.outcome() != null) {
            where.add(cb.equal(entry.get("outcome"), filter.outcome()));
        }
        if (filter.from() != null) {
            where.add(cb.greaterThanOrEqualTo(entry.get("occurredAt"), filter.from()));
        }
        if (filter.to() != null) {
            where.add(cb.lessThan(entry.get("occurredAt"), filter.to()));
        }
        query.select(entry).where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(entry.get("occurredAt")), cb.desc(entry.get("id")));
        return entityManager.createQuery(query).setMaxResults(MAX_RESULTS).getResultList().stream()
                .map(AuditEntry::record).toList();
    }

    /** The same entries as {@link #search} as CSV, safe to open in a spreadsheet. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public String csv(AuditFilter filter) {
        return AuditCsv.of(search(filter));
    }
}
