package io.gureum.container.engine;

import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import io.gureum.container.ContainerStats;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Engine statistics to {@link ContainerStats}; CPU % where 100 means one full CPU, as the docker CLI shows it. */
final class Stats {
    private Stats() {
    }

    static ContainerStats of(Statistics s, double cpuPercent) {
        long rx = 0;
        long tx = 0;
        Map<String, StatisticNetworksConfig> nets = s.getNetworks();
        if (nets != null) {
            for (StatisticNetworksConfig n : nets.values()) {
                rx += n.getRxBytes() == null ? 0 : n.getRxBytes();
                tx += n.getTxBytes() == null ? 0 : n.getTxBytes();
            }
        }
        long read = 0;
        long write = 0;
        if (s.getBlkioStats() != null) {
            List<BlkioStatEntry> io = s.getBlkioStats().getIoServiceBytesRecursive();
            if (io != null) {
                for (BlkioStatEntry e : io) {
                    String op = e.getOp() == null ? "" : e.getOp().toLowerCase(Locale.ROOT);
                    long v = e.getValue() == null ? 0 : e.getValue();
                    if (op.equals("read")) {
                        read += v;
                    } else if (op.equals("write")) {
                        write += v;
                    }
                }
            }
        }
        long memUsage = s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null ? 0 : s.getMemoryStats().getUsage();
        long memLimit = s.getMemoryStats() == null || s.getMemoryStats().getLimit() == null ? 0 : s.getMemoryStats().getLimit();
        long pids = s.getPidsStats() == null || s.getPidsStats().getCurrent() == null ? 0 : s.getPidsStats().getCurrent();
        Instant when = Mapping.time(s.getRead());
        return new ContainerStats(when == null ? Instant.now() : when, cpuPercent,
                memUsage, memLimit, rx, tx, read, write, pids);
    }

    static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return 0;
        }
        long cpuDelta = nz(now.getCpuUsage().getTotalUsage()) - nz(before.getCpuUsage().getTotalUsage());
        long systemDelta = nz(now.getSystemCpuUsage()) - nz(before.getSystemCpuUsage());
        long cpus = nz(now.getOnlineCpus());
        if (cpus == 0 && now.getCpuUsage().getPercpuUsage() != null) {
            cpus = now.getCpuUsage().getPercpuUsage().size();
        }
        if (cpuDelta <= 0 || systemDelta <= 0) {
            return 0;
        }
        return (double) cpuDelta / systemDelta * Math.max(cpus, 1) * 100.0;
    }

    /** CPU % (100 = one full CPU) from two samples taken {@code wallNanos} apart. */
    static double cpuPercentOverWallTime(CpuStatsConfig now, CpuStatsConfig before, long wallNanos) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null || wallNanos <= 0) {
            return 0;
        }
        long cpuDelta = nz(now.getCpuUsage().getTotalUsage()) - nz(before.getCpuUsage().getTotalUsage());
        return cpuDelta <= 0 ? 0 : (double) cpuDelta / wallNanos * 100.0;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
