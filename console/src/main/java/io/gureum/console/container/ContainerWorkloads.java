package io.gureum.console.container;

import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadRowsAdapter;
import java.util.List;
import org.springframework.stereotype.Component;

/** Containers as one kind of workload: what the shared mechanics of workload/ ask of them. */
@Component
class ContainerWorkloads extends WorkloadRowsAdapter<ManagedContainer> {

    ContainerWorkloads(ContainerRepository containers, ContainerService service) {
        super(WorkloadKind.CONTAINER, projectId -> containers.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(
                        List.of(projectId), ContainerStatus.DELETED),
                (id, why) -> service.restartByPolicy(id, why).map(started -> started.container().name()));
    }
}
