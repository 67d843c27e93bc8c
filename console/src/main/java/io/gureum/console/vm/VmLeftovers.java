package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Removes what a failed create left on a host. A create that fails because its host stopped answering
 * (libvirtd killed between two calls) may leave a disk or a defined domain that could not be removed at
 * that moment: the task waits a while for the host to answer again, and the state sync sweeps away any
 * domain whose metadata names a VM in ERROR, on every resync of its host. ERROR means "create failed":
 * nothing of such a VM is meant to exist on a host.
 */
@Component
class VmLeftovers {

    private static final Logger log = LoggerFactory.getLogger(VmLeftovers.class);

    private final HostService hosts;
    private final VmProvisioner provisioner;
    private final VirtualMachineRepository vms;
    private final Duration waitForHost;

    VmLeftovers(HostService hosts, VmProvisioner provisioner, VirtualMachineRepository vms,
                @Value("${gureum.vms.cleanup-wait:60s}") Duration waitForHost) {
        this.hosts = hosts;
        this.provisioner = provisioner;
        this.vms = vms;
        this.waitForHost = waitForHost;
    }

    /**
     * After a failed create: removes the VM's domain and disks, waiting up to {@code gureum.vms.cleanup-wait}
     * for a host that does not answer right now. Returns what was done, in words, for the VM's error message.
     */
    String afterFailedCreate(HostSummary host, VirtualMachine vm, UUID domain) {
        long deadline = System.nanoTime() + waitForHost.toNanos();
        while (true) {
            try {
                return provisioner.removeLeftovers(hosts.hypervisorOf(host.id()), host, vm, domain);
            } catch (HypervisorException.Unavailable e) {
                if (System.nanoTime() > deadline) {
                    log.warn("could not clean up after the failed create of VM {}: host {} does not answer ({}); "
                            + "its next resync removes the domain", vm.name(), host.name(), e.getMessage());
                    return "cleaning up on host " + host.name() + " waits until it answers again.";
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return "cleaning up on host " + host.name() + " was interrupted.";
                }
            } catch (RuntimeException e) {
                log.warn("could not clean up after the failed create of VM {} on host {}: {}", vm.name(), host.name(),
                        e.getMessage());
                return "cleaning up on host " + host.name() + " failed (" + e.getMessage() + ").";
            }
        }
    }

    /** On a resync: removes the domains on the host that belong to VMs whose create failed. */
    void sweep(UUID hostId, Hypervisor hypervisor, List<VmInfo> listed) {
        Map<String, VmInfo> byResource = listed.stream().filter(d -> d.metadata().isPresent())
                .collect(Collectors.toMap(d -> d.metadata().map(GureumMetadata::resourceId).orElseThrow(),
                        Function.identity(), (a, b) -> a));
        if (byResource.isEmpty()) {
            return;
        }
        for (VirtualMachine vm : vms.findAllByHostIdAndStateIn(hostId, List.of(VmStatus.ERROR))) {
            VmInfo leftover = byResource.get(vm.id().toString());
            if (leftover != null) {
                log.info("removing domain {} left on its host by the failed create of VM {}", leftover.name(),
                        vm.name());
                provisioner.removeQuietly(hypervisor, leftover.id());
            }
        }
    }
}
