package io.gureum.console.vm;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostStatus;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.workload.Adoption;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.VmInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Domains made by hand on a host: listed, and taken into a project with the quota checked (see {@link Adoption}). */
@Component
class VmAdoption {

    private final VirtualMachineRepository vms;
    private final ProjectAccess access;
    private final HostService hosts;
    private final Adoption adoption;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VmAdoption(VirtualMachineRepository vms, ProjectAccess access, HostService hosts, Adoption adoption,
               ApplicationEventPublisher events, Clock clock) {
        this.vms = vms;
        this.access = access;
        this.hosts = hosts;
        this.adoption = adoption;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Domains on the answering hosts that no VM row knows (no Gureum metadata and a UUID no live VM
     * row holds): made by hand, candidates for {@link VmService#adopt}. Administrators only.
     */
    List<UnmanagedVm> unmanaged() {
        access.requireAdmin();
        return adoption.unmanaged(host -> host.status() == HostStatus.UP,
                hostId -> hosts.hypervisorOf(hostId).listAll(), d -> d.metadata().isEmpty(), VmInfo::id,
                ids -> vms.findAllByDomainUuidInAndStateNot(ids, VmStatus.DELETED).stream()
                        .map(VirtualMachine::domainUuid).collect(Collectors.toSet()),
                (host, domain) -> new UnmanagedVm(host.id(), host.name(), domain.id(), domain.name(),
                        VmStateSync.statusOf(domain.state()), domain.vcpus(), domain.memoryMib()));
    }

    /**
     * Takes a domain made by hand on a host into a project: reserves the project's quota for its vCPUs,
     * memory and one VM (its disks are not counted: the console did not make them and does not know
     * their size) and records it, in one transaction. Nothing is written to the domain. Administrators only.
     */
    VmSummary adopt(UUID hostId, UUID domainUuid, long projectId) {
        access.requireAdmin();
        Adoption.HandMade<VmInfo> handMade = adoption.inspect(hostId, "domain", domainUuid,
                h -> hosts.hypervisorOf(h).info(domainUuid), HypervisorException.NotFound.class,
                d -> d.metadata().isPresent(), VmInfo::name, VmValidationException::new);
        HostSummary host = handMade.host();
        VmInfo domain = handMade.resource();
        UUID id = UUID.randomUUID();
        String owner = Adoption.adopter();
        VmStatus state = VmStateSync.statusOf(domain.state());
        VirtualMachine recorded = adoption.record(projectId,
                new ResourceAmounts(domain.vcpus(), domain.memoryMib(), 0, 1, 0, 0, 0), () -> {
                    if (vms.existsByDomainUuidAndStateNot(domainUuid, VmStatus.DELETED)) {
                        throw new VmValidationException("Domain " + domain.name() + " on " + host.name()
                                + " is adopted already.");
                    }
                    String name = Adoption.nameFor(domain.name(),
                            taken -> vms.existsByProjectIdAndNameAndStateNot(projectId, taken, VmStatus.DELETED));
                    String domainName = Adoption.hostSideName(domain.name(), domainUuid.toString(), 8,
                            vms::existsByDomainName);
                    return vms.save(VirtualMachine.adopted(id, name, projectId, owner, hostId, domainUuid,
                            domainName, domain.vcpus(), domain.memoryMib(), state,
                            "adopted (" + domain.stateReason() + ")", now()));
                });
        events.publishEvent(new VmEvents.VmAdopted(id, recorded.name(), projectId, "domain " + domain.name() + " ("
                + domainUuid + ") on host " + host.name() + ", " + domain.vcpus() + " vCPUs, " + domain.memoryMib()
                + " MiB, " + state.name().toLowerCase() + "; its disks are not counted against the quota"));
        return recorded.summary(host.name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
