package io.gureum.console.vm;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface VirtualMachineRepository extends JpaRepository<VirtualMachine, UUID>,
        JpaSpecificationExecutor<VirtualMachine> {

    List<VirtualMachine> findAllByStateNotOrderByCreatedAtDesc(VmStatus state);

    List<VirtualMachine> findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(Collection<Long> projectIds,
                                                                              VmStatus state);

    Optional<VirtualMachine> findByDomainUuid(UUID domainUuid);

    List<VirtualMachine> findAllByDomainUuidInAndStateNot(Collection<UUID> domainUuids, VmStatus state);

    boolean existsByDomainUuidAndStateNot(UUID domainUuid, VmStatus state);

    boolean existsByDomainName(String domainName);

    List<VirtualMachine> findAllByHostIdAndStateIn(UUID hostId, Collection<VmStatus> states);

    boolean existsByProjectIdAndNameAndStateNot(long projectId, String name, VmStatus state);

    /** How many VMs are in each state (deleted ones not counted): state, count. */
    @Query("""
            select v.state, count(v) from VirtualMachine v
            where v.state <> io.gureum.console.vm.VmStatus.DELETED group by v.state""")
    List<Object[]> countByState();

    /** As {@link #countByState()}, for the VMs of the given projects. */
    @Query("""
            select v.state, count(v) from VirtualMachine v
            where v.projectId in :projectIds and v.state <> io.gureum.console.vm.VmStatus.DELETED group by v.state""")
    List<Object[]> countByStateInProjects(Collection<Long> projectIds);

    /** vCPUs, memory MiB, disk GiB and count of the project's VMs that use quota. */
    @Query("""
            select coalesce(sum(v.vcpus), 0), coalesce(sum(v.memoryMib), 0), coalesce(sum(v.diskGib), 0), count(v)
            from VirtualMachine v
            where v.projectId = :projectId and v.state not in (io.gureum.console.vm.VmStatus.ERROR,
                                                                io.gureum.console.vm.VmStatus.DELETED)""")
    List<Object[]> usage(long projectId);

    /** As {@link #usage(long)} for every project that has VMs counting against quota: project id first. */
    @Query("""
            select v.projectId, coalesce(sum(v.vcpus), 0), coalesce(sum(v.memoryMib), 0), coalesce(sum(v.diskGib), 0),
                   count(v)
            from VirtualMachine v
            where v.state not in (io.gureum.console.vm.VmStatus.ERROR, io.gureum.console.vm.VmStatus.DELETED)
            group by v.projectId""")
    List<Object[]> usageByProject();
}
