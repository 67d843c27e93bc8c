package io.gureum.console.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The limits of one project. Its row is also the lock that serializes quota checks of that project. */
@Entity
@Table(name = "project_quota")
class ProjectQuota {

    @Id
    @Column(name = "project_id")
    private Long projectId;

    @Column(nullable = false)
    private int vcpus;

    @Column(name = "memory_mib", nullable = false)
    private long memoryMib;

    @Column(name = "disk_gib", nullable = false)
    private int diskGib;

    @Column(nullable = false)
    private int vms;

    @Column(nullable = false)
    private int containers;

    @Column(name = "container_cpus", nullable = false)
    private int containerCpus;

    @Column(name = "container_memory_mib", nullable = false)
    private long containerMemoryMib;

    protected ProjectQuota() {
    }

    ProjectQuota(long projectId, ResourceAmounts limits) {
        this.projectId = projectId;
        set(limits);
    }

    long projectId() {
        return projectId;
    }

    void set(ResourceAmounts limits) {
        vcpus = limits.vcpus();
        memoryMib = limits.memoryMib();
        diskGib = limits.diskGib();
        vms = limits.vms();
        containers = limits.containers();
        containerCpus = limits.containerCpus();
        containerMemoryMib = limits.containerMemoryMib();
    }

    ResourceAmounts limits() {
        return new ResourceAmounts(vcpus, memoryMib, diskGib, vms, containers, containerCpus, containerMemoryMib);
    }
}
