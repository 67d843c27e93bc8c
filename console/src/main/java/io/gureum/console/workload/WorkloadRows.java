package io.gureum.console.workload;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.persistence.criteria.Predicate;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A kind's rows as its service reads and writes them, written once for every kind: the row the caller may see (one
 * of another project looks like none at all), a change in its own transaction that is applied again when a task and
 * the state sync write the same row, host names and the clock. A kind's service makes one and keeps it to itself.
 *
 * @param <E> the kind's entity
 * @param <S> the kind's state enum, whose constants are named as {@link WorkloadState}'s
 */
public final class WorkloadRows<E extends WorkloadEntity<S>, S extends Enum<S> & WorkloadStatus> {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    private final CrudRepository<E, UUID> rows;
    private final Class<S> states;
    private final Function<UUID, ? extends RuntimeException> notFound;
    private final ProjectAccess access;
    private final HostService hosts;
    private final QuotaService quotas;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public WorkloadRows(CrudRepository<E, UUID> rows, Class<S> states,
                        Function<UUID, ? extends RuntimeException> notFound, ProjectAccess access, HostService hosts,
                        QuotaService quotas, TransactionTemplate transactions, Clock clock) {
        this.rows = rows;
        this.states = states;
        this.notFound = notFound;
        this.access = access;
        this.hosts = hosts;
        this.quotas = quotas;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The kind's own constant for a shared state. */
    public S state(WorkloadState state) {
        return Enum.valueOf(states, state.name());
    }

    /**
     * The row if it is not deleted and the caller holds {@code needed} in its project; a row of a project where the
     * caller has no role is not found, as if it did not exist.
     */
    public E visible(UUID id, ProjectRole needed) {
        E row = rows.findById(id).filter(r -> r.state() != state(WorkloadState.DELETED))
                .orElseThrow(() -> notFound.apply(id));
        if (access.roleOf(row.projectId()).isEmpty() && !access.isAdmin()) {
            throw notFound.apply(id);
        }
        access.requireRole(row.projectId(), needed);
        return row;
    }

    /**
     * One page, newest first, of the live rows the caller may see, narrowed by {@code filter}; the database pages, so
     * a list of 10,000 rows never loads them all.
     */
    public List<E> page(JpaSpecificationExecutor<E> repository, WorkloadFilter<S> filter, int offset, int limit) {
        Specification<E> spec = limit <= 0 ? null : visibleMatching(filter);
        if (spec == null) {
            return List.of();
        }
        int size = Math.max(1, limit);
        if (offset % size == 0) {
            return repository.findAll(spec, PageRequest.of(Math.max(0, offset) / size, size, NEWEST_FIRST)).getContent();
        }
        // Offsets that are no multiple of the limit: read the pages that cover the range.
        return repository.findAll(spec, PageRequest.of(0, offset + size, NEWEST_FIRST)).getContent().stream()
                .skip(offset).limit(size).toList();
    }

    /** How many rows {@link #page} can return for {@code filter}. */
    public int count(JpaSpecificationExecutor<E> repository, WorkloadFilter<S> filter) {
        Specification<E> spec = visibleMatching(filter);
        return spec == null ? 0 : (int) Math.min(Integer.MAX_VALUE, repository.count(spec));
    }

    /** Null when the caller can see nothing of what the filter asks for. */
    private Specification<E> visibleMatching(WorkloadFilter<S> filter) {
        WorkloadFilter<S> f = filter == null ? WorkloadFilter.any() : filter;
        S deleted = state(WorkloadState.DELETED);
        Set<Long> projects = access.isAdmin() ? null : access.projectsWhereCallerHolds(ProjectRole.VIEWER);
        if (projects != null && (projects.isEmpty() || (f.projectId() != null && !projects.contains(f.projectId())))) {
            return null;
        }
        if (f.state() == deleted) {
            return null;
        }
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.notEqual(root.get("state"), deleted));
            if (projects != null) {
                where.add(root.get("projectId").in(projects));
            }
            if (f.projectId() != null) {
                where.add(cb.equal(root.get("projectId"), f.projectId()));
            }
            if (f.state() != null) {
                where.add(cb.equal(root.get("state"), f.state()));
            }
            if (f.hostId() != null) {
                where.add(cb.equal(root.get("hostId"), f.hostId()));
            }
            if (f.nameContains() != null && !f.nameContains().isBlank()) {
                String part = f.nameContains().strip().toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                where.add(cb.like(cb.lower(root.get("name")), "%" + part + "%", '\\'));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    /** The live rows the caller may see: {@code all} for admins, else those of the projects where they have a role. */
    public List<E> visibleRows(Supplier<List<E>> all, Function<Set<Long>, List<E>> ofProjects) {
        return access.isAdmin() ? all.get() : ofProjects.apply(access.projectsWhereCallerHolds(ProjectRole.VIEWER));
    }

    /** The row as it is now, deleted or not; authorization is the caller's. */
    public E row(UUID id) {
        return rows.findById(id).orElseThrow(() -> notFound.apply(id));
    }

    /** The row if there is one, deleted or not; authorization is the caller's. */
    public Optional<E> find(UUID id) {
        return rows.findById(id);
    }

    /**
     * Reserves {@code demand} of the project's quota and records a new row in one transaction. The reservation locks
     * the project's quota row, so concurrent creates of one project queue there, and checks the caller's role.
     */
    public E recordNew(long projectId, ResourceAmounts demand, Supplier<E> record) {
        return transactions.execute(tx -> {
            quotas.reserve(projectId, demand);
            return record.get();
        });
    }

    /**
     * Changes the row in its own transaction. A task and the state sync may write the same row at the same moment;
     * the loser of the version check reads the row again and applies its change again.
     */
    public void change(UUID id, Consumer<E> change) {
        change(id, ExpectedVersion.ANY, change);
    }

    /**
     * {@link #change(UUID, Consumer)} only if the row is at the {@code expected} version, compared in the transaction
     * that writes: a write of another transaction in between fails this one's version check, and the retry reads the
     * new version and refuses it with {@link WorkloadChangedException}.
     */
    public void change(UUID id, ExpectedVersion expected, Consumer<E> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> {
                    E row = row(id);
                    expected.require(row);
                    change.accept(row);
                    rows.save(row);
                });
                return;
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt >= 5) {
                    throw conflict;
                }
            }
        }
    }

    /** Records what the host says after an action, unless the row is being deleted meanwhile. */
    public void observedAfterAction(UUID id, S state, String reason) {
        change(id, row -> {
            if (row.state() != state(WorkloadState.DELETING) && row.state() != state(WorkloadState.DELETED)) {
                row.observed(state, reason, now());
            }
        });
    }

    /** A repository's "host id, count" rows as a map. */
    public static Map<UUID, Long> countsByHost(List<Object[]> counted) {
        Map<UUID, Long> counts = new HashMap<>();
        for (Object[] row : counted) {
            counts.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Host id to name, for the hosts that take placements. */
    public Map<UUID, String> hostNames() {
        return hosts.forPlacement().stream().collect(Collectors.toMap(HostSummary::id, HostSummary::name));
    }

    /** The host's name; null for no host, "(removed host)" for one that is gone. */
    public String hostName(UUID hostId) {
        return hostId == null ? null : hosts.describe(hostId).map(HostSummary::name).orElse("(removed host)");
    }

    /** Now, at the precision the database keeps. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
