package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.workload.ExpectedVersion;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.hypervisor.Hypervisor;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.UUID;

/**
 * A VM's power actions, restart policy and deletion for {@link VmService}, each a task on its host. Reached only
 * through the facade, which checks the caller's role on the VM it passes in.
 */
final class VmLifecycle {

    private final WorkloadRows<VirtualMachine, VmStatus> rows;
    private final WorkloadTasks<VirtualMachine, VmStatus> runs;
    private final HostService hosts;
    private final VmProvisioner provisioner;

    VmLifecycle(WorkloadRows<VirtualMachine, VmStatus> rows, WorkloadTasks<VirtualMachine, VmStatus> runs,
                HostService hosts, VmProvisioner provisioner) {
        this.rows = rows;
        this.runs = runs;
        this.hosts = hosts;
        this.provisioner = provisioner;
    }

    /** Runs {@code work} on the VM's host in a task; with {@code desired}, records it as the state the owner wants. */
    VmOperation act(VirtualMachine vm, String action, VmStatus desired, BiConsumer<VirtualMachine, Hypervisor> work) {
        runs.requireOnHost(vm, vm.domainUuid() != null && vm.hostId() != null, action);
        if (desired != null) {
            // Recorded before the action so that the keeper never fights a stop the owner asked for.
            rows.change(vm.id(), v -> v.desire(desired, rows.now()));
        }
        UUID task = runs.submit(vm, action, null, context -> {
            context.step(runs.verb(action) + " on host " + rows.hostName(vm.hostId()));
            Hypervisor hypervisor = hosts.hypervisorOf(vm.hostId());
            work.accept(vm, hypervisor);
            // The task ends with the row saying what libvirt says now, not when the lifecycle event arrives.
            recordAfterAction(vm.id(), hypervisor, vm.domainUuid(), runs.verb(action) + " through the console");
            return null;
        });
        return new VmOperation(shown(vm), task);
    }

    void setRestartPolicy(VirtualMachine vm, RestartPolicy policy, ExpectedVersion expected) {
        rows.change(vm.id(), expected, v -> v.restartPolicy(policy, rows.now()));
        runs.requested(vm, "vm.restart-policy", policy.name().toLowerCase());
    }

    /**
     * Starts a VM whose restart policy is ALWAYS and that stopped without a console action. Called by the keeper,
     * not by users; runs as the system.
     */
    Optional<VmOperation> restartByPolicy(UUID id, String why) {
        VirtualMachine vm = rows.find(id).orElse(null);
        if (vm == null || vm.restartPolicy() != RestartPolicy.ALWAYS || vm.desiredState() != VmStatus.RUNNING
                || (vm.state() != VmStatus.STOPPED && vm.state() != VmStatus.CRASHED) || vm.domainUuid() == null) {
            return Optional.empty();
        }
        UUID task = runs.submit(vm, "vm.restart-by-policy", why, context -> {
            context.step("start again: restart policy is always (" + why + ")");
            Hypervisor hypervisor = hosts.hypervisorOf(vm.hostId());
            hypervisor.start(vm.domainUuid());
            recordAfterAction(id, hypervisor, vm.domainUuid(), "started again by its restart policy");
            return null;
        });
        return Optional.of(new VmOperation(shown(vm), task));
    }

    /** Removes the VM from its host with the disk made for it, and frees its quota. */
    VmOperation delete(VirtualMachine vm, ExpectedVersion expected) {
        var started = runs.delete(vm, expected, id -> shown(rows.row(id)), vm.domainUuid() != null,
                "power off and remove the VM and its disk",
                () -> provisioner.remove(hosts.hypervisorOf(vm.hostId()), vm.domainUuid()));
        return new VmOperation(started.workload(), started.taskId());
    }

    private void recordAfterAction(UUID id, Hypervisor hypervisor, UUID domain, String reason) {
        rows.observedAfterAction(id, VmStateSync.statusOf(hypervisor.info(domain).state()), reason);
    }

    private VmSummary shown(VirtualMachine vm) {
        return vm.summary(rows.hostName(vm.hostId()));
    }
}
