package io.gureum.container;

import java.time.Instant;

/** One-shot resource usage sample of a running container. */
public record ContainerStats(
        Instant read,
        double cpuPercent,
        long memoryUsageBytes,
        long memoryLimitBytes,
        long networkRxBytes,
        long networkTxBytes,
        long blockReadBytes,
        long blockWriteBytes,
        long pids) {
}
