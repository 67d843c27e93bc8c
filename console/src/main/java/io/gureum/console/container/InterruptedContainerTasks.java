package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.workload.InterruptedWorkloadTasks;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.container.ContainerEngine;
import io.gureum.container.GureumLabels;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a console restart, undoes what an interrupted container task half-made: a create's
 * container (found by its engine id, or by its unique name or resource-id label when the id was
 * never recorded) is removed and the container ends in ERROR with its quota freed; an interrupted
 * delete leaves the container UNKNOWN for the resync to report and the user to delete again.
 */
@Component
class InterruptedContainerTasks extends InterruptedWorkloadTasks<ManagedContainer, ContainerStatus> {

    private static final Logger log = LoggerFactory.getLogger(InterruptedContainerTasks.class);

    private final HostService hosts;

    InterruptedContainerTasks(ContainerRepository containers, HostService hosts, TransactionTemplate transactions,
                              Clock clock, ApplicationEventPublisher events) {
        super(WorkloadKind.CONTAINER, containers, transactions, clock, events);
        this.hosts = hosts;
    }

    @Override
    protected Object actionFailed(ManagedContainer container, String action, String detail) {
        return new ContainerEvents.ContainerActionFinished(container.id(), container.name(), container.projectId(),
                action, false, detail);
    }

    @Override
    protected String removeHalfMade(ManagedContainer container) {
        try {
            ContainerEngine engine = hosts.engineOf(container.hostId());
            Optional<String> made = Optional.ofNullable(container.engineId())
                    .or(() -> engine.list().stream()
                            .filter(c -> container.engineName().equals(c.name())
                                    || ("/" + container.engineName()).equals(c.name())
                                    || (c.labels() != null
                                    && container.id().toString().equals(c.labels().get(GureumLabels.RESOURCE_ID))))
                            .map(io.gureum.container.ContainerSummary::id).findFirst());
            made.ifPresent(id -> engine.remove(id, true));
            return made.isPresent() ? "its container was removed." : "nothing had been created on the engine.";
        } catch (RuntimeException e) {
            log.warn("could not clean up container {} after an interrupted create: {}", container.name(),
                    e.getMessage());
            return "cleaning up on its host failed (" + e.getMessage() + "): an administrator should remove "
                    + "container " + container.engineName() + " there.";
        }
    }
}
