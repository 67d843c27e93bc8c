package io.gureum.console.container;

import io.gureum.console.workload.WorkloadAdapter;
import io.gureum.console.workload.WorkloadKind;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Containers as one kind of workload: what the shared mechanics of workload/ ask of them. */
@Component
class ContainerWorkloads implements WorkloadAdapter {

    private final ContainerRepository containers;
    private final ContainerService service;

    ContainerWorkloads(ContainerRepository containers, ContainerService service) {
        this.containers = containers;
        this.service = service;
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

    @Override
    public Optional<String> restartByPolicy(UUID id, String why) {
        return service.restartByPolicy(id, why).map(started -> started.container().name());
    }
}
