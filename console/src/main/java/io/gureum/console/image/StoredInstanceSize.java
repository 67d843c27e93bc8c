package io.gureum.console.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "instance_size")
class StoredInstanceSize {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false)
    private int vcpus;

    @Column(name = "memory_mib", nullable = false)
    private long memoryMib;

    @Column(name = "disk_gib", nullable = false)
    private int diskGib;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredInstanceSize() {
    }

    StoredInstanceSize(UUID id, String name, int vcpus, long memoryMib, int diskGib, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.vcpus = vcpus;
        this.memoryMib = memoryMib;
        this.diskGib = diskGib;
        this.createdAt = createdAt;
    }

    InstanceSize summary() {
        return new InstanceSize(id, name, vcpus, memoryMib, diskGib);
    }
}
