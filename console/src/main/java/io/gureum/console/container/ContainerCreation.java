package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.task.TaskContext;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerRef;
import io.gureum.container.ContainerSpec;
import io.gureum.container.PortMapping;
import io.gureum.container.Protocol;
import io.gureum.container.RestartPolicy;
import java.util.UUID;

/**
 * Creating a container for {@link ContainerService}: the request checked ({@link ContainerRules}), the quota
 * reserved and the row recorded (PROVISIONING) in one transaction with the project's quota row locked, then a task
 * that places it ({@link ContainerPlacement}), creates and starts it on the host's engine. Reached only through the
 * facade.
 */
final class ContainerCreation {

    private final ContainerRepository containers;
    private final WorkloadRows<ManagedContainer, ContainerStatus> rows;
    private final WorkloadTasks<ManagedContainer, ContainerStatus> runs;
    private final HostService hosts;
    private final ContainerPlacement placement;
    private final ContainerStateSync stateSync;

    ContainerCreation(ContainerRepository containers, WorkloadRows<ManagedContainer, ContainerStatus> rows,
                      WorkloadTasks<ManagedContainer, ContainerStatus> runs, HostService hosts,
                      ContainerPlacement placement, ContainerStateSync stateSync) {
        this.containers = containers;
        this.rows = rows;
        this.runs = runs;
        this.hosts = hosts;
        this.placement = placement;
        this.stateSync = stateSync;
    }

    /**
     * Validates, reserves quota and records the container (PROVISIONING) in one transaction, then creates and starts
     * it in a task. Refused requests leave nothing behind; the quota reservation checks the caller's role in the
     * project.
     */
    ContainerOperation create(NewContainer request) {
        ContainerRules.Checked asked = ContainerRules.checked(request);
        placement.requireImage(asked.image());
        UUID id = UUID.randomUUID();
        var created = runs.create(request.projectId(), asked.name(), new ResourceAmounts(0, 0, 0, 0, 1,
                        asked.wholeCpus(), request.memoryMib()),
                taken -> containers.existsByProjectIdAndNameAndStateNot(request.projectId(), taken,
                        ContainerStatus.DELETED),
                owner -> containers.save(new ManagedContainer(id, asked.name(), request.projectId(), owner,
                        asked.image(), asked.command(), asked.millicpus(), request.memoryMib(),
                        asked.restartPolicy(), asked.containerPort(), rows.now())),
                request.cpus() + " CPUs, " + request.memoryMib() + " MiB, image " + asked.image(),
                context -> createOnHost(id, asked, context));
        return new ContainerOperation(created.workload().summary(null), created.taskId());
    }

    /** Places, creates and starts the container; says on which host. A failure removes what was made. */
    private String createOnHost(UUID id, ContainerRules.Checked asked, TaskContext context) {
        ManagedContainer container = containers.findById(id).orElseThrow();
        String engineId = null;
        ContainerEngine engine = null;
        try {
            context.step("choose a host");
            HostSummary host = placement.choose(container.image());
            rows.change(id, c -> c.placed(host.id(), rows.now()));
            engine = hosts.engineOf(host.id());
            context.step("create the container on host " + host.name(), 10);
            ContainerSpec.Builder spec = ContainerSpec.builder(container.engineName(), container.image())
                    .limits(container.cpus(), container.memoryMib())
                    .restart(policy(container.restartPolicy()))
                    .labels(id.toString(), Long.toString(container.projectId()));
            if (container.command() != null) {
                spec.command("sh", "-c").args(container.command()); // an argument list: never parsed by a shell here
            }
            asked.env().forEach(spec::env);
            if (asked.healthCheck() != null) {
                spec.healthCheck(asked.healthCheck());
            }
            if (container.containerPort() != null) {
                spec.port(PortMapping.tcpAuto(container.containerPort()));
            }
            ContainerRef ref = engine.create(spec.build().requireValid());
            engineId = ref.id();
            String made = ref.id();
            // Not recorded before it started: one write less, and a console restart in between still finds the
            // half-made container by its unique engine name (InterruptedContainerTasks).
            context.step("start it", 60);
            engine.start(made);
            if (container.containerPort() == null && asked.healthCheck() == null) {
                // Start returned, so it runs: no inspect round trip. An exit the engine reports from here on is
                // applied by the state sync, including one that came while the row was still PROVISIONING.
                rows.change(id, c -> {
                    c.created(made, null, rows.now());
                    c.observed(ContainerStatus.RUNNING, "started", rows.now());
                });
                stateSync.endedWhileProvisioning(id);
            } else {
                // The published host port and the first health state are only known by asking the engine.
                ContainerInfo info = engine.inspect(made);
                Integer hostPort = container.containerPort() == null ? null
                        : info.hostPort(container.containerPort(), Protocol.TCP);
                rows.change(id, c -> {
                    c.created(made, hostPort == null || hostPort < 0 ? null : hostPort, rows.now());
                    c.observed(ContainerStateSync.statusOf(info.state()), ContainerStateSync.reasonOf(info),
                            rows.now());
                    if (info.health() != null && info.health().status() != null) {
                        c.health(ContainerStateSync.healthText(info.health().status()), rows.now());
                    }
                });
            }
            return "on host " + host.name();
        } catch (RuntimeException e) {
            if (engine != null) {
                ContainerService.removeQuietly(engine, engineId != null ? engineId : container.engineName());
            }
            rows.change(id, c -> c.failed(e.getMessage(), rows.now()));
            throw e;
        }
    }

    static RestartPolicy policy(String name) {
        return switch (name) {
            case "on-failure" -> RestartPolicy.onFailure(3);
            case "always" -> RestartPolicy.always();
            case "unless-stopped" -> RestartPolicy.unlessStopped();
            default -> RestartPolicy.no();
        };
    }
}
