package io.gureum.console.vm;

import io.gureum.console.workload.WorkloadAdapter;
import io.gureum.console.workload.WorkloadKind;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** VMs as one kind of workload: what the shared mechanics of workload/ ask of them. */
@Component
class VmWorkloads implements WorkloadAdapter {

    private final VirtualMachineRepository vms;
    private final VmService service;

    VmWorkloads(VirtualMachineRepository vms, VmService service) {
        this.vms = vms;
        this.service = service;
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.VM;
    }

    @Override
    public List<VmSummary> inProject(long projectId, Function<UUID, String> hostName) {
        return vms.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(List.of(projectId), VmStatus.DELETED).stream()
                .map(vm -> vm.summary(hostName.apply(vm.hostId()))).toList();
    }

    @Override
    public Optional<String> restartByPolicy(UUID id, String why) {
        return service.restartByPolicy(id, why).map(started -> started.vm().name());
    }
}
