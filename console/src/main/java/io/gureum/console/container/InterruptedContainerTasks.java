package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.task.TaskEvents;
import io.gureum.container.ContainerEngine;
import io.gureum.container.GureumLabels;
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
 * After a console restart, undoes what an interrupted container task half-made: a create's
 * container (found by its engine id, or by its unique name or resource-id label when the id was
 * never recorded) is removed and the container ends in ERROR with its quota freed; an interrupted
 * delete leaves the container UNKNOWN for the resync to report and the user to delete again.
 */
@Component
class InterruptedContainerTasks {

    private static final Logger log = LoggerFactory.getLogger(InterruptedContainerTasks.class);

    private final ContainerRepository containers;
    private final HostService hosts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InterruptedContainerTasks(ContainerRepository containers, HostService hosts, TransactionTemplate transactions,
                              Clock clock, ApplicationEventPublisher events) {
        this.containers = containers;
        this.hosts = hosts;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    void interrupted(TaskEvents.TaskInterrupted task) {
        if (!"container".equals(task.targetType())) {
            return;
        }
        Optional<ManagedContainer> found = containers.findById(UUID.fromString(task.targetId()));
        if (found.isEmpty()) {
            return;
        }
        ManagedContainer container = found.get();
        if (task.action().equals("container.create") && container.state() == ContainerStatus.PROVISIONING) {
            String cleanup = removeHalfMade(container);
            set(container.id(), true, "Interrupted by a console restart while provisioning; " + cleanup);
        } else if (container.state() == ContainerStatus.DELETING) {
            set(container.id(), false, "delete interrupted by a console restart: delete it again");
        }
        // The action failed: the audit log says so, as for any other failed action.
        events.publishEvent(new ContainerEvents.ContainerActionFinished(container.id(), container.name(),
                container.projectId(), task.action(), false, "interrupted by a console restart"));
    }

    private String removeHalfMade(ManagedContainer container) {
        if (container.hostId() == null) {
            return "nothing had been made on a host.";
        }
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

    private void set(UUID id, boolean failed, String message) {
        transactions.executeWithoutResult(tx -> containers.findById(id).ifPresent(c -> {
            if (failed) {
                c.failed(message, clock.instant().truncatedTo(ChronoUnit.MICROS));
            } else {
                c.observed(ContainerStatus.UNKNOWN, message, clock.instant().truncatedTo(ChronoUnit.MICROS));
            }
            containers.save(c);
        }));
    }
}
