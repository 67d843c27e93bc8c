package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.workload.InterruptedWorkloadTasks;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.hypervisor.Hypervisor;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a console restart, undoes what an interrupted VM task half-made: a create's domain and
 * disk (found by the VM's unique domain name even when its UUID was never recorded) are removed
 * and the VM ends in ERROR with its quota freed; an interrupted delete leaves the VM for the
 * resync to report and the user to delete again.
 */
@Component
class InterruptedVmTasks extends InterruptedWorkloadTasks<VirtualMachine, VmStatus> {

    private static final Logger log = LoggerFactory.getLogger(InterruptedVmTasks.class);

    private final HostService hosts;
    private final VmProvisioner provisioner;

    InterruptedVmTasks(VirtualMachineRepository vms, HostService hosts, VmProvisioner provisioner,
                       TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
        super(WorkloadKind.VM, vms, transactions, clock, events);
        this.hosts = hosts;
        this.provisioner = provisioner;
    }

    @Override
    protected Object actionFailed(VirtualMachine vm, String action, String detail) {
        return new VmEvents.VmActionFinished(vm.id(), vm.name(), vm.projectId(), action, false, detail);
    }

    @Override
    protected String removeHalfMade(VirtualMachine vm) {
        try {
            Hypervisor hypervisor = hosts.hypervisorOf(vm.hostId());
            HostSummary host = hosts.describe(vm.hostId()).orElseThrow();
            // By its unique name too: a disk made before the domain was defined is removed as well.
            return provisioner.removeLeftovers(hypervisor, host, vm, vm.domainUuid());
        } catch (RuntimeException e) {
            log.warn("could not clean up VM {} after an interrupted create: {}", vm.name(), e.getMessage());
            return "cleaning up on its host failed (" + e.getMessage() + "): an administrator should remove domain "
                    + vm.domainName() + " there.";
        }
    }
}
