package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.task.TaskEvents;
import io.gureum.hypervisor.Hypervisor;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a console restart, undoes what an interrupted VM task half-made: a create's domain and
 * disk (found by the VM's unique domain name even when its UUID was never recorded) are removed
 * and the VM ends in ERROR with its quota freed; an interrupted delete leaves the VM for the
 * resync to report and the user to delete again.
 */
@Component
class InterruptedVmTasks {

    private static final Logger log = LoggerFactory.getLogger(InterruptedVmTasks.class);

    private final VirtualMachineRepository vms;
    private final HostService hosts;
    private final VmProvisioner provisioner;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InterruptedVmTasks(VirtualMachineRepository vms, HostService hosts, VmProvisioner provisioner,
                       TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
        this.vms = vms;
        this.hosts = hosts;
        this.provisioner = provisioner;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    void interrupted(TaskEvents.TaskInterrupted task) {
        if (!"vm".equals(task.targetType())) {
            return;
        }
        Optional<VirtualMachine> found = vms.findById(UUID.fromString(task.targetId()));
        if (found.isEmpty()) {
            return;
        }
        VirtualMachine vm = found.get();
        if (task.action().equals("vm.create") && vm.state() == VmStatus.PROVISIONING) {
            String cleanup = removeHalfMade(vm);
            set(vm.id(), true, "Interrupted by a console restart while provisioning; " + cleanup);
        } else if (vm.state() == VmStatus.DELETING) {
            set(vm.id(), false, "delete interrupted by a console restart: delete it again");
        }
        // The action failed: the audit log says so, as for any other failed action.
        events.publishEvent(new VmEvents.VmActionFinished(vm.id(), vm.name(), vm.projectId(), task.action(), false,
                "interrupted by a console restart"));
    }

    private String removeHalfMade(VirtualMachine vm) {
        if (vm.hostId() == null) {
            return "nothing had been made on a host.";
        }
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

    private void set(UUID id, boolean failed, String message) {
        transactions.executeWithoutResult(tx -> vms.findById(id).ifPresent(vm -> {
            if (failed) {
                vm.failed(message, clock.instant().truncatedTo(ChronoUnit.MICROS));
            } else {
                vm.observed(VmStatus.UNKNOWN, message, clock.instant().truncatedTo(ChronoUnit.MICROS));
            }
            vms.save(vm);
        }));
    }
}
