package io.gureum.console.container;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface ContainerRepository extends JpaRepository<ManagedContainer, UUID>,
        JpaSpecificationExecutor<ManagedContainer> {

    List<ManagedContainer> findAllByStateNotOrderByCreatedAtDesc(ContainerStatus state);

    List<ManagedContainer> findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(Collection<Long> projectIds,
                                                                               ContainerStatus state);

    Optional<ManagedContainer> findFirstByEngineId(String engineId);

    Optional<ManagedContainer> findByEngineName(String engineName);

    List<ManagedContainer> findAllByEngineIdInAndStateNot(Collection<String> engineIds, ContainerStatus state);

    boolean existsByEngineIdAndStateNot(String engineId, ContainerStatus state);

    boolean existsByEngineName(String engineName);

    List<ManagedContainer> findAllByHostIdAndStateIn(UUID hostId, Collection<ContainerStatus> states);

    List<ManagedContainer> findAllByIdInAndStateIn(Collection<UUID> ids, Collection<ContainerStatus> states);

    boolean existsByProjectIdAndNameAndStateNot(long projectId, String name, ContainerStatus state);

    /** Count, millicpus and memory MiB of the project's containers that use quota. */
    @Query("""
            select count(c), coalesce(sum(c.millicpus), 0), coalesce(sum(c.memoryMib), 0)
            from ManagedContainer c
            where c.projectId = :projectId and c.state not in (io.gureum.console.container.ContainerStatus.ERROR,
                                                                io.gureum.console.container.ContainerStatus.DELETED)""")
    List<Object[]> usage(long projectId);

    /** Per container: its CPUs rounded up, summed (the quota counts whole CPUs per container). */
    @Query("""
            select c.millicpus from ManagedContainer c
            where c.projectId = :projectId and c.state not in (io.gureum.console.container.ContainerStatus.ERROR,
                                                                io.gureum.console.container.ContainerStatus.DELETED)""")
    List<Integer> millicpusInUse(long projectId);

    /** Per host: how many containers the console manages there (host id, count); deleted ones not counted. */
    @Query("""
            select c.hostId, count(c) from ManagedContainer c
            where c.hostId is not null and c.state <> io.gureum.console.container.ContainerStatus.DELETED
            group by c.hostId""")
    List<Object[]> countByHost();
}
