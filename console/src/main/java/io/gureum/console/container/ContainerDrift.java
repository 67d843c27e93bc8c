package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.DriftSource;
import io.gureum.console.quota.QuotaDrift;
import io.gureum.container.ContainerSummary;
import io.gureum.container.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Recounts containers against their engines: the console's container rows that count against
 * quota on each answering host, against what that host's engine really runs (matched by engine id,
 * or by the Gureum resource label), one listing per engine.
 */
@Component
class ContainerDrift implements DriftSource {

    private static final List<ContainerStatus> RECORDED = List.of(ContainerStatus.RUNNING, ContainerStatus.PAUSED,
            ContainerStatus.STOPPED, ContainerStatus.EXITED, ContainerStatus.UNKNOWN);

    private final HostService hosts;
    private final ContainerRepository containers;

    ContainerDrift(HostService hosts, ContainerRepository containers) {
        this.hosts = hosts;
        this.containers = containers;
    }

    @Override
    public List<QuotaDrift> drift() {
        Map<Long, long[]> counts = new TreeMap<>(); // project -> {recorded, found}
        Map<Long, TreeSet<String>> missing = new TreeMap<>();
        Map<Long, TreeSet<String>> unrecorded = new TreeMap<>();
        for (HostSummary host : hosts.forPlacement()) {
            if (host.status() != HostStatus.UP || host.engineProduct() == null) {
                continue;
            }
            List<ContainerSummary> listed;
            try {
                listed = hosts.engineOf(host.id()).list();
            } catch (EngineException | IllegalStateException unreachable) {
                continue;
            }
            Map<String, ContainerSummary> byEngineId = new HashMap<>();
            Map<String, ContainerSummary> byResource = new HashMap<>();
            for (ContainerSummary c : listed) {
                byEngineId.put(c.id(), c);
                if (c.ownership().managed() && c.ownership().resourceId() != null) {
                    byResource.put(c.ownership().resourceId(), c);
                }
            }
            for (ManagedContainer row : containers.findAllByHostIdAndStateIn(host.id(), RECORDED)) {
                long[] c = counts.computeIfAbsent(row.projectId(), p -> new long[2]);
                c[0]++;
                ContainerSummary found = row.engineId() == null ? null : byEngineId.get(row.engineId());
                if (found == null) {
                    found = byResource.get(row.id().toString());
                }
                if (found != null) {
                    c[1]++;
                    byEngineId.remove(found.id());
                    byResource.remove(row.id().toString());
                } else {
                    missing.computeIfAbsent(row.projectId(), p -> new TreeSet<>()).add(row.name() + " on " + host.name());
                }
            }
            for (ContainerSummary stray : byResource.values()) {
                long project = parse(stray.ownership().projectId());
                if (project < 0 || inTransition(stray.ownership().resourceId())) {
                    continue;
                }
                counts.computeIfAbsent(project, p -> new long[2])[1]++;
                unrecorded.computeIfAbsent(project, p -> new TreeSet<>()).add(stray.name() + " on " + host.name());
            }
        }
        List<QuotaDrift> drift = new ArrayList<>();
        counts.forEach((project, c) -> {
            if (missing.containsKey(project) || unrecorded.containsKey(project)) {
                List<String> parts = new ArrayList<>();
                if (missing.containsKey(project)) {
                    parts.add("missing on their host: " + String.join(", ", missing.get(project)));
                }
                if (unrecorded.containsKey(project)) {
                    parts.add("on a host but not recorded: " + String.join(", ", unrecorded.get(project)));
                }
                drift.add(new QuotaDrift(project, "containers", c[0], c[1], String.join("; ", parts)));
            }
        });
        return drift;
    }

    private boolean inTransition(String resourceId) {
        try {
            return containers.findById(UUID.fromString(resourceId))
                    .map(row -> row.state() == ContainerStatus.PROVISIONING || row.state() == ContainerStatus.DELETING)
                    .orElse(false);
        } catch (IllegalArgumentException notAConsoleId) {
            return false;
        }
    }

    private static long parse(String projectId) {
        try {
            return projectId == null ? -1 : Long.parseLong(projectId);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
