package io.gureum.console.container;

import io.gureum.console.workload.WorkloadAdapter;
import io.gureum.console.workload.WorkloadKind;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Containers as one kind of workload: what the shared mechanics of workload/ ask of them. */
@Component
class ContainerWorkloads implements WorkloadAdapter {

    private final ContainerRepository containers;

    ContainerWorkloads(ContainerRepository containers) {
        this.containers = containers;
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.CONTAINER;
    }

    @Override
    public List<ContainerSummary> inProject(long projectId, Function<UUID, String> hostName) {
        return containers.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(List.of(projectId),
                ContainerStatus.DELETED).stream().map(c -> c.summary(hostName.apply(c.hostId()))).toList();
    }
}
