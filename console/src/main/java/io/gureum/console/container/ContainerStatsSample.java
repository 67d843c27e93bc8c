package io.gureum.console.container;

import java.time.Instant;

/** One sample of a running container's resource use. */
public record ContainerStatsSample(Instant read, double cpuPercent, long memoryUsedBytes, long memoryLimitBytes,
                                   long networkRxBytes, long networkTxBytes, long blockReadBytes,
                                   long blockWriteBytes) {
}
