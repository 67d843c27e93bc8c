package io.gureum.console.workload;

import java.util.List;
import java.util.UUID;

/**
 * What every kind's facade offers alike, so that a client of both kinds (the HTTP API) is written once. Each method
 * authorizes the caller as the facade's own methods do: another project's workload is not found.
 *
 * @param <W> the kind's summary
 * @param <S> the kind's state enum
 */
public interface WorkloadActions<W extends WorkloadSummary, S extends Enum<S> & WorkloadStatus> {

    /** One page of the workloads the caller may see, narrowed by {@code filter}, newest first; the database pages. */
    List<W> page(WorkloadFilter<S> filter, int offset, int limit);

    /** How many workloads {@link #page} can return for {@code filter}. */
    int count(WorkloadFilter<S> filter);

    W get(UUID id);

    WorkloadOperation<W> start(UUID id);

    /** Stops it the kind's gentle way (a VM's guest is asked to shut down, then forced off after a timeout). */
    WorkloadOperation<W> stop(UUID id);

    default WorkloadOperation<W> delete(UUID id) {
        return delete(id, ExpectedVersion.ANY);
    }

    /** Deletes it only if it is still at the {@code expected} version, else {@link WorkloadChangedException}. */
    WorkloadOperation<W> delete(UUID id, ExpectedVersion expected);
}
