package io.gureum.console.workload;

/**
 * What a kind's own state enum (VmStatus, ContainerStatus) shares: its constants are named as the
 * {@link WorkloadState}s they are, so that the shared mechanics can ask what a state means whatever its kind.
 */
public interface WorkloadStatus {

    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The same state in the words every workload shares. */
    default WorkloadState toWorkloadState() {
        return WorkloadState.valueOf(name());
    }

    /** Whether the workload uses its project's quota. */
    default boolean countsAgainstQuota() {
        return toWorkloadState().countsAgainstQuota();
    }

    /** The constant of {@code like}'s enum for {@code state} (a kind has every state it uses under that name). */
    static <S extends Enum<S>> S as(S like, WorkloadState state) {
        return Enum.valueOf(like.getDeclaringClass(), state.name());
    }
}
