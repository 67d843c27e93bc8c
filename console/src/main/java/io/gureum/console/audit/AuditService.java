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
import java.util.Optional;
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

    /** Entries matching the filter that the caller may see, newest first (at most {@link #MAX_RESULTS}). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<AuditRecord> search(AuditFilter filter) {
        return page(filter, 0, MAX_RESULTS);
    }

    /**
     * One page of the entries matching the filter that the caller may see, newest first: at most {@code limit}
     * from {@code offset}, read as such from the database.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<AuditRecord> page(AuditFilter filter, int offset, int limit) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> query = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> entry = query.from(AuditEntry.class);
        Optional<Predicate[]> where = visible(filter, cb, entry);
        if (where.isEmpty()) {
            return List.of();
        }
        query.select(entry).where(where.get())
                .orderBy(cb.desc(entry.get("occurredAt")), cb.desc(entry.get("id")));
        return entityManager.createQuery(query).setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(AuditEntry::record).toList();
    }

    /** How many entries match the filter among those the caller may see. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long count(AuditFilter filter) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<AuditEntry> entry = query.from(AuditEntry.class);
        Optional<Predicate[]> where = visible(filter, cb, entry);
        if (where.isEmpty()) {
            return 0;
        }
        return entityManager.createQuery(query.select(cb.count(entry)).where(where.get())).getSingleResult();
    }

    /** The filter's conditions plus what the caller may see; empty when the caller may see nothing at all. */
    private Optional<Predicate[]> visible(AuditFilter filter, CriteriaBuilder cb, Root<AuditEntry> entry) {
        boolean admin = access.isAdmin();
        Set<Long> owned = admin ? Set.of() : access.projectsWhereCallerHolds(ProjectRole.OWNER);
        if (!admin && owned.isEmpty()) {
            return Optional.empty();
        }
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
        return Optional.of(where.toArray(Predicate[]::new));
    }

    /** The same entries as {@link #search} as CSV, safe to open in a spreadsheet. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public String csv(AuditFilter filter) {
        return AuditCsv.of(search(filter));
    }
}
