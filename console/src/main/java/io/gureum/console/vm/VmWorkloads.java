package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadRowsAdapter;
import java.util.List;
import org.springframework.stereotype.Component;

/** VMs as one kind of workload: what the shared mechanics of workload/ ask of them. */
@Component
class VmWorkloads extends WorkloadRowsAdapter<VirtualMachine> {

    VmWorkloads(VirtualMachineRepository vms, VmService service) {
        super(WorkloadKind.VM, projectId -> vms.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(
                        List.of(projectId), VmStatus.DELETED),
                (id, why) -> service.restartByPolicy(id, why).map(started -> started.vm().name()));
    }
}
