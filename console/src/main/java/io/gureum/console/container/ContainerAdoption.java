package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.workload.Adoption;
import io.gureum.container.ContainerInfo;
import io.gureum.container.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Containers made by hand on an engine: listed, and taken into a project with the quota checked (see {@link Adoption}). */
@Component
class ContainerAdoption {

    private final ContainerRepository containers;
    private final ProjectAccess access;
    private final HostService hosts;
    private final Adoption adoption;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContainerAdoption(ContainerRepository containers, ProjectAccess access, HostService hosts, Adoption adoption,
                      ApplicationEventPublisher events, Clock clock) {
        this.containers = containers;
        this.access = access;
        this.hosts = hosts;
        this.adoption = adoption;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Containers on the engines of the answering hosts that carry no Gureum labels and whose engine id no
     * live container row holds: made by hand, candidates for {@link ContainerService#adopt}. Administrators only.
     */
    List<UnmanagedContainer> unmanaged() {
        access.requireAdmin();
        return adoption.unmanaged(HostSummary::engineAnswers, hostId -> hosts.engineOf(hostId).list(),
                c -> !c.ownership().managed(), io.gureum.container.ContainerSummary::id,
                ids -> containers.findAllByEngineIdInAndStateNot(ids, ContainerStatus.DELETED).stream()
                        .map(ManagedContainer::engineId).collect(Collectors.toSet()),
                (host, c) -> new UnmanagedContainer(host.id(), host.name(), c.id(), c.name(), c.image(),
                        ContainerStateSync.statusOf(c.state()), c.status()));
    }

    /**
     * Takes a container made by hand into a project: reserves one container, its CPU limit rounded up
     * (1 when it has none) and its memory limit ({@value ContainerService#ASSUMED_UNLIMITED_MEMORY_MIB} MiB assumed when it
     * has none) and records it, in one transaction. Nothing is changed on the engine. Administrators only.
     */
    ContainerSummary adopt(UUID hostId, String engineId, long projectId) {
        access.requireAdmin();
        Adoption.HandMade<ContainerInfo> handMade = adoption.inspect(hostId, "container", engineId,
                h -> hosts.engineOf(h).inspect(engineId), NotFoundException.class,
                i -> i.ownership() != null && i.ownership().managed(), ContainerInfo::name,
                ContainerValidationException::new);
        HostSummary host = handMade.host();
        ContainerInfo info = handMade.resource();
        boolean cpuLimited = info.limits() != null && info.limits().cpus() > 0;
        boolean memoryLimited = info.limits() != null && info.limits().memoryBytes() > 0;
        int millicpus = cpuLimited ? (int) Math.round(info.limits().cpus() * 1000) : 1000;
        int wholeCpus = (millicpus + 999) / 1000;
        long memoryMib = memoryLimited ? Math.max(1, (info.limits().memoryBytes() + (1 << 20) - 1) >> 20)
                : ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB;
        String counted = wholeCpus + " CPU" + (wholeCpus == 1 ? "" : "s") + (!cpuLimited ? " (it has no CPU "
                + "limit: 1 assumed)" : millicpus % 1000 == 0 ? "" : " (its limit " + millicpus / 1000.0
                + ", rounded up)") + ", " + memoryMib + " MiB" + (memoryLimited ? "" : " (it has no memory limit: "
                + ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB + " MiB assumed)");
        String name0 = info.name() == null ? "" : info.name().replaceFirst("^/", "");
        UUID id = UUID.randomUUID();
        String owner = Adoption.adopter();
        String fullId = info.id();
        String restart = info.restartPolicy() == null ? "no" : info.restartPolicy().mode().apiName();
        if (!ContainerService.RESTART_POLICIES.contains(restart)) {
            restart = "no";
        }
        String restartPolicy = restart;
        ManagedContainer recorded;
        try {
            recorded = adoption.record(projectId, new ResourceAmounts(0, 0, 0, 0, 1, wholeCpus, memoryMib), () -> {
                if (containers.existsByEngineIdAndStateNot(fullId, ContainerStatus.DELETED)) {
                    throw new ContainerValidationException("Container " + name0 + " on " + host.name()
                            + " is adopted already.");
                }
                String name = Adoption.nameFor(name0, taken -> containers.existsByProjectIdAndNameAndStateNot(
                        projectId, taken, ContainerStatus.DELETED));
                String engineName = Adoption.hostSideName(name0, fullId, 12, containers::existsByEngineName);
                return containers.save(ManagedContainer.adopted(id, name, projectId, owner, hostId, fullId,
                        engineName, info.image() == null ? "(unknown)" : Adoption.trimmed(info.image(), 255),
                        millicpus, memoryMib, restartPolicy, ContainerStateSync.statusOf(info.state()),
                        "adopted (" + ContainerStateSync.reasonOf(info) + ")", now()));
            });
        } catch (io.gureum.console.quota.QuotaExceededException refused) {
            String exceeded = refused.getMessage().replaceFirst("^[^:]*: ", "").replaceFirst("\\.$", "");
            throw new io.gureum.console.quota.QuotaExceededException(List.of(exceeded + " (counted for container "
                    + name0 + ": " + counted + ")"));
        }
        events.publishEvent(new ContainerEvents.ContainerAdopted(id, recorded.name(), projectId, "container "
                + name0 + " (" + fullId + ") on host " + host.name() + ", counted " + counted));
        return recorded.summary(host.name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
