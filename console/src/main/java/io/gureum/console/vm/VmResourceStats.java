package io.gureum.console.vm;

import io.gureum.hypervisor.VmStats;
import java.time.Instant;

/**
 * One sample of a running VM's counters as the console shows them. CPU time and I/O are cumulative
 * since the VM started; compare two samples for rates.
 *
 * @param memoryUsedMib   what the VM's process holds on the host (resident set)
 * @param memoryActualMib the memory the VM has been given
 */
public record VmResourceStats(long cpuTimeNanos, long memoryUsedMib, long memoryActualMib, long diskReadBytes,
                              long diskWriteBytes, long netRxBytes, long netTxBytes, Instant sampledAt) {

    static VmResourceStats of(VmStats stats) {
        return new VmResourceStats(stats.cpuTime().toNanos(), stats.memoryRssKib() >> 10, stats.memoryMib(),
                stats.disks().stream().mapToLong(VmStats.Disk::readBytes).sum(),
                stats.disks().stream().mapToLong(VmStats.Disk::writeBytes).sum(),
                stats.nics().stream().mapToLong(VmStats.Nic::rxBytes).sum(),
                stats.nics().stream().mapToLong(VmStats.Nic::txBytes).sum(),
                stats.sampledAt());
    }

    /**
     * CPU use between two samples in percent of the VM's vCPUs (0-100): CPU time spent over wall
     * time passed over vCPUs. Null when it cannot be told (no time passed, counters went back
     * because the VM restarted).
     */
    public static Double cpuPercent(VmResourceStats earlier, VmResourceStats later, int vcpus) {
        if (earlier == null || later == null || vcpus < 1) {
            return null;
        }
        long wallNanos = java.time.Duration.between(earlier.sampledAt(), later.sampledAt()).toNanos();
        long cpuNanos = later.cpuTimeNanos() - earlier.cpuTimeNanos();
        if (wallNanos <= 0 || cpuNanos < 0) {
            return null;
        }
        double percent = 100.0 * cpuNanos / wallNanos / vcpus;
        return Math.max(0, Math.min(100, percent));
    }
}
