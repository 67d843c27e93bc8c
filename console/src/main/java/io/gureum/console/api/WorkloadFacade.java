package io.gureum.console.api;

import java.util.List;
import java.util.UUID;

/**
 * What {@link WorkloadEndpoints} asks a kind's facade, in the API's records: each kind's controller maps these onto
 * its own facade (VmService, ContainerService), which authorizes every call.
 *
 * @param <R> the kind's API record
 * @param <N> the kind's create request
 */
interface WorkloadFacade<R extends ApiWorkload, N> {

    /** The list's narrowing; {@code state} is the kind's state name, checked by the kind. */
    record Filter(Long projectId, String state, String nameContains) {
    }

    List<R> page(Filter filter, int offset, int limit);

    int count(Filter filter);

    R get(UUID id);

    Accepted<R> create(N request);

    Accepted<R> start(UUID id);

    /** Stops it the kind's gentle way (a VM's guest is asked to shut down). */
    Accepted<R> stop(UUID id);

    Accepted<R> delete(UUID id);
}
