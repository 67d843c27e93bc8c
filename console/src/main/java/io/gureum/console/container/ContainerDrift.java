package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.workload.DriftTally;
import io.gureum.console.workload.WorkloadDrift;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.container.ContainerSummary;
import io.gureum.container.EngineException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Recounts containers against their engines: the console's container rows that count against
 * quota on each answering host, against what that host's engine really runs (matched by engine id,
 * or by the Gureum resource label), one listing per engine.
 */
@Component
class ContainerDrift extends WorkloadDrift<ManagedContainer, ContainerStatus, ContainerSummary> {

    private static final List<ContainerStatus> RECORDED = List.of(ContainerStatus.RUNNING, ContainerStatus.PAUSED,
            ContainerStatus.STOPPED, ContainerStatus.EXITED, ContainerStatus.UNKNOWN);

    private final ContainerRepository containers;

    ContainerDrift(HostService hosts, ContainerRepository containers) {
        super(WorkloadKind.CONTAINER, hosts, containers, HostSummary::engineAnswers,
                hostId -> hosts.engineOf(hostId).list(), List.of(EngineException.class, IllegalStateException.class));
        this.containers = containers;
    }

    @Override
    protected void recount(DriftTally tally, HostSummary host, List<ContainerSummary> listed) {
        Map<String, ContainerSummary> byEngineId = new HashMap<>();
        Map<String, ContainerSummary> byResource = new HashMap<>();
        for (ContainerSummary c : listed) {
            byEngineId.put(c.id(), c);
            if (c.ownership().managed() && c.ownership().resourceId() != null) {
                byResource.put(c.ownership().resourceId(), c);
            }
        }
        for (ManagedContainer row : containers.findAllByHostIdAndStateIn(host.id(), RECORDED)) {
            ContainerSummary found = row.engineId() == null ? null : byEngineId.get(row.engineId());
            if (found == null) {
                found = byResource.get(row.id().toString());
            }
            if (found != null) {
                byEngineId.remove(found.id());
                byResource.remove(row.id().toString());
            }
            tally.recorded(row.projectId(), found != null, row.name(), host.name());
        }
        for (ContainerSummary stray : byResource.values()) {
            long project = DriftTally.projectOf(stray.ownership().projectId());
            if (project < 0 || inTransition(stray.ownership().resourceId())) {
                continue;
            }
            tally.unrecorded(project, stray.name(), host.name());
        }
    }
}
