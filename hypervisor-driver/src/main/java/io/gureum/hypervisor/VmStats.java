package io.gureum.hypervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A sample of one VM's resource counters (cumulative since start). */
public record VmStats(
        UUID id,
        Instant sampledAt,
        Duration cpuTime,
        long memoryMib,
        long memoryRssKib,
        List<Disk> disks,
        List<Nic> nics) {

    /** Block I/O counters of one disk. */
    public record Disk(String device, long readRequests, long readBytes, long writeRequests, long writeBytes) {
    }

    /** Network counters of one NIC. */
    public record Nic(String device, long rxBytes, long rxPackets, long txBytes, long txPackets) {
    }
}
