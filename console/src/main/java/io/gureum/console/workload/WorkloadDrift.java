package io.gureum.console.workload;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.DriftSource;
import io.gureum.console.quota.QuotaDrift;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.data.repository.CrudRepository;

/**
 * The recount of one kind against its hosts, the same for every kind: one bulk listing per answering host (a host
 * whose listing fails as {@code unreachable} says is passed over), the kind matching its rows against the listing
 * into a {@link DriftTally}, and a resource whose row is being made or removed right now not counted as a stray.
 *
 * @param <R> a resource as the kind's driver lists it
 */
public abstract class WorkloadDrift<E extends WorkloadEntity<S>, S extends Enum<S> & WorkloadStatus, R>
        implements DriftSource {

    private final WorkloadKind kind;
    private final HostService hosts;
    private final CrudRepository<E, UUID> rows;
    private final Predicate<HostSummary> answers;
    private final Function<UUID, List<R>> list;
    private final List<Class<? extends RuntimeException>> unreachable;

    /**
     * @param answers whether the kind's daemon on a host answers
     * @param list    the kind's bulk listing of a host
     */
    protected WorkloadDrift(WorkloadKind kind, HostService hosts, CrudRepository<E, UUID> rows,
                            Predicate<HostSummary> answers, Function<UUID, List<R>> list,
                            List<Class<? extends RuntimeException>> unreachable) {
        this.kind = kind;
        this.hosts = hosts;
        this.rows = rows;
        this.answers = answers;
        this.list = list;
        this.unreachable = List.copyOf(unreachable);
    }

    /** Matches the host's rows against its listing: {@link DriftTally#recorded} and {@link DriftTally#unrecorded}. */
    protected abstract void recount(DriftTally tally, HostSummary host, List<R> listed);

    @Override
    public List<QuotaDrift> drift() {
        DriftTally tally = new DriftTally();
        HostListings.each(hosts, answers, list, e -> unreachable.stream().anyMatch(type -> type.isInstance(e)),
                (host, listed) -> recount(tally, host, listed));
        return tally.report(kind.route());
    }

    /** Whether the row a resource names is being made or removed right now (not a stray then). */
    protected boolean inTransition(String resourceId) {
        try {
            return rows.findById(UUID.fromString(resourceId)).map(row -> row.state().toWorkloadState())
                    .filter(state -> state == WorkloadState.PROVISIONING || state == WorkloadState.DELETING)
                    .isPresent();
        } catch (IllegalArgumentException notAConsoleId) {
            return false;
        }
    }
}
