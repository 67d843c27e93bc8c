package io.gureum.console.workload;

import java.util.UUID;

/**
 * What a list of workloads of one kind is narrowed to; every field null (or blank) means "any".
 *
 * @param state        the kind's state
 * @param nameContains part of the name, case-insensitive
 */
public record WorkloadFilter<S extends Enum<S>>(Long projectId, S state, UUID hostId, String nameContains) {

    /** Nothing narrowed. */
    public static <S extends Enum<S>> WorkloadFilter<S> any() {
        return new WorkloadFilter<>(null, null, null, null);
    }
}
