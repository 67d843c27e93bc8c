package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerStats;
import io.gureum.container.EngineException;
import io.gureum.container.Health;
import io.gureum.container.LogLine;
import io.gureum.container.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What {@link ContainerService} reads: the containers the caller may see and what a container's engine says about
 * it (details, stats, logs). Reached only through the facade, which checks the caller's role on the container it
 * passes in.
 */
final class ContainerQueries {

    private final ContainerRepository containers;
    private final WorkloadRows<ManagedContainer, ContainerStatus> rows;
    private final HostService hosts;

    ContainerQueries(ContainerRepository containers, WorkloadRows<ManagedContainer, ContainerStatus> rows,
                     HostService hosts) {
        this.containers = containers;
        this.rows = rows;
        this.hosts = hosts;
    }

    List<ContainerSummary> list() {
        List<ManagedContainer> visible = rows.visibleRows(
                () -> containers.findAllByStateNotOrderByCreatedAtDesc(ContainerStatus.DELETED),
                projects -> containers.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(projects,
                        ContainerStatus.DELETED));
        Map<UUID, String> hostNames = rows.hostNames();
        return visible.stream().map(c -> c.summary(hostNames.get(c.hostId()))).toList();
    }

    List<ContainerLogLine> logs(ManagedContainer container, int tail) {
        if (!onHost(container)) {
            return List.of();
        }
        List<LogLine> lines = hosts.engineOf(container.hostId()).logs(container.engineId(),
                Math.max(1, Math.min(tail, 10_000)));
        return lines.stream().map(ContainerQueries::line).toList();
    }

    AutoCloseable followLogs(ManagedContainer container, int tail, Consumer<ContainerLogLine> sink) {
        if (!onHost(container)) {
            return () -> { };
        }
        Subscription subscription = hosts.engineOf(container.hostId()).followLogs(container.engineId(),
                Math.max(0, Math.min(tail, 10_000)), l -> sink.accept(line(l)));
        return subscription::close;
    }

    private static ContainerLogLine line(LogLine l) {
        return new ContainerLogLine(l.stream() == LogLine.Stream.STDERR, l.timestamp(), l.text());
    }

    ContainerDetails inspect(ManagedContainer container) {
        ContainerSummary summary = container.summary(rows.hostName(container.hostId()));
        if (!onHost(container)) {
            return notAnswering(summary);
        }
        ContainerInfo info;
        try {
            info = hosts.engineOf(container.hostId()).inspect(container.engineId());
        } catch (RuntimeException unreachable) {
            return notAnswering(summary);
        }
        List<String> published = info.ports() == null ? List.of() : info.ports().stream()
                .filter(p -> p.hostPort() > 0)
                .map(p -> (p.hostIp() == null || p.hostIp().isBlank() || p.hostIp().equals("0.0.0.0")
                        ? "127.0.0.1" : p.hostIp()) + ":" + p.hostPort() + " → " + p.containerPort() + "/"
                        + p.protocol().apiName())
                .distinct().toList();
        Health health = info.health() == null ? Health.NONE : info.health();
        return new ContainerDetails(summary, true, info.state() == null ? null : info.state().name().toLowerCase(),
                info.ipAddress(), published.isEmpty() ? ports(summary) : published,
                health.status() == null ? null : health.status().name().toLowerCase(), health.lastOutput(),
                health.lastCheck(), health.failingStreak(), info.exitCode(), info.startedAt(), info.restartCount(),
                info.oomKilled());
    }

    /** The record alone: nothing on a host, or its engine does not answer. */
    private static ContainerDetails notAnswering(ContainerSummary summary) {
        return new ContainerDetails(summary, false, null, null, ports(summary), summary.health(), null, null, 0,
                null, null, 0, false);
    }

    private static List<String> ports(ContainerSummary c) {
        return c.containerPort() == null || c.hostPort() == null ? List.of()
                : List.of("127.0.0.1:" + c.hostPort() + " → " + c.containerPort() + "/tcp");
    }

    Optional<ContainerStatsSample> stats(ManagedContainer container) {
        if (!onHost(container)) {
            return Optional.empty();
        }
        try {
            ContainerStats s = hosts.engineOf(container.hostId()).stats(container.engineId());
            return Optional.of(new ContainerStatsSample(s.read(), s.cpuPercent(), s.memoryUsageBytes(),
                    s.memoryLimitBytes(), s.networkRxBytes(), s.networkTxBytes(), s.blockReadBytes(),
                    s.blockWriteBytes()));
        } catch (EngineException notRunning) {
            return Optional.empty();
        }
    }

    private static boolean onHost(ManagedContainer container) {
        return container.engineId() != null && container.hostId() != null;
    }
}
