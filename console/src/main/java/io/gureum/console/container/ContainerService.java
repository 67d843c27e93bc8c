package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.system.NameRule;
import io.gureum.console.task.TaskService;
import io.gureum.console.workload.ExpectedVersion;
import io.gureum.console.workload.WorkloadActions;
import io.gureum.console.workload.WorkloadChangedException;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadFilter;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ShellSession;
import io.gureum.container.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The container feature's facade and its only way in. Every method checks the caller's role in the container's
 * project here, then hands the container to the collaborator that does the work: {@link ContainerQueries} reads,
 * {@link ContainerCreation} creates, {@link ContainerLifecycle} acts and deletes. Creation reserves quota and
 * inserts the container in one transaction with the project's quota row locked, then a task places, creates and
 * starts it on a host's engine.
 */
@Service
public class ContainerService implements WorkloadActions<ContainerSummary, ContainerStatus> {

    public static final String DEFAULT_IMAGE = "localhost/gureum/busybox:latest";
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");
    /** The rule for container names, also shown next to the name field. */
    public static final NameRule NAME_RULE = new NameRule("container name", NAME,
            "1 to 32 lower-case letters, digits or '-', starting with a letter and not ending with '-'");
    static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final double MIN_CPUS = 0.1;
    static final double MAX_CPUS = 8;
    static final long MIN_MEMORY_MIB = 16;
    static final long MAX_MEMORY_MIB = 64 * 1024;
    static final int MAX_COMMAND = 1000;
    static final int MAX_HEALTH_INTERVAL_SECONDS = 3600;
    /** What a browser shell runs; busybox and every distribution image have it. */
    static final List<String> SHELL = List.of("/bin/sh");
    static final List<String> RESTART_POLICIES = List.of("no", "on-failure", "always", "unless-stopped");
    /**
     * Memory counted for an adopted container that has no memory limit: the console cannot know what it
     * will use, so it assumes this much and says so.
     */
    static final long ASSUMED_UNLIMITED_MEMORY_MIB = 512;

    private final ContainerRepository containers;
    private final ProjectAccess access;
    private final ContainerAdoption adoption;
    private final WorkloadRows<ManagedContainer, ContainerStatus> rows;
    private final ContainerQueries queries;
    private final ContainerPlacement placement;
    private final ContainerCreation creation;
    private final ContainerLifecycle lifecycle;
    private final HostService hosts;
    /** How long a stop waits for the command to end on SIGTERM before the engine kills it. */
    private final Duration stopTimeout;

    ContainerService(ContainerRepository containers, ProjectAccess access, QuotaService quotas, HostService hosts,
                     TaskService tasks, TransactionTemplate transactions, ApplicationEventPublisher events,
                     Clock clock, ContainerStateSync stateSync, ContainerAdoption adoption,
                     @Value("${gureum.containers.stop-timeout:10s}") Duration stopTimeout) {
        this.containers = containers;
        this.stopTimeout = stopTimeout;
        this.access = access;
        this.adoption = adoption;
        this.hosts = hosts;
        // Built here and kept here: the facade is the only way to them, so its checks run on every call.
        this.rows = new WorkloadRows<>(containers, ContainerStatus.class, ContainerNotFoundException::new, access,
                hosts, quotas, transactions, clock);
        WorkloadTasks<ManagedContainer, ContainerStatus> runs = new WorkloadTasks<>(WorkloadKind.CONTAINER, rows,
                tasks, events, ContainerEvents.ContainerActionRequested::new,
                ContainerEvents.ContainerActionFinished::new, ContainerValidationException::new,
                EngineFailure::explain);
        this.queries = new ContainerQueries(containers, rows, hosts);
        this.placement = new ContainerPlacement(hosts);
        this.creation = new ContainerCreation(containers, rows, runs, hosts, placement, stateSync);
        this.lifecycle = new ContainerLifecycle(rows, runs, hosts);
    }

    /** The containers the caller may see: all for admins, else those of projects where they have a role. */
    public List<ContainerSummary> list() {
        return queries.list();
    }

    /**
     * One page of the containers the caller may see (authorized as {@link #list()}), narrowed by {@code filter},
     * newest first; the database pages.
     */
    @Override
    public List<ContainerSummary> page(WorkloadFilter<ContainerStatus> filter, int offset, int limit) {
        return queries.page(filter, offset, limit);
    }

    /** How many containers {@link #page} can return for {@code filter}. */
    @Override
    public int count(WorkloadFilter<ContainerStatus> filter) {
        return queries.count(filter);
    }

    /** How many containers the console manages on each host (host id to count). Administrators only. */
    public Map<UUID, Long> managedCountByHost() {
        access.requireAdmin();
        return WorkloadRows.countsByHost(containers.countByHost());
    }

    /**
     * Containers on the engines of the answering hosts that carry no Gureum labels and whose engine id no
     * live container row holds: made by hand, candidates for {@link #adopt}. Administrators only.
     */
    public List<UnmanagedContainer> unmanaged() {
        return adoption.unmanaged();
    }

    /** Takes a container made by hand into a project, its quota checked; see {@link ContainerAdoption}. */
    public ContainerSummary adopt(UUID hostId, String engineId, long projectId) {
        return adoption.adopt(hostId, engineId, projectId);
    }

    @Override
    public ContainerSummary get(UUID id) {
        ManagedContainer container = rows.visible(id, ProjectRole.VIEWER);
        return container.summary(rows.hostName(container.hostId()));
    }

    /** The images containers can be created from: those on the engines of hosts that take containers. */
    public List<String> images() {
        return placement.images();
    }

    /** The last {@code tail} lines of the container's output, oldest first. */
    public List<ContainerLogLine> logs(UUID id, int tail) {
        return queries.logs(rows.visible(id, ProjectRole.VIEWER), tail);
    }

    /** The container's record and what its engine says about it now (VIEWER). */
    public ContainerDetails inspect(UUID id) {
        return queries.inspect(rows.visible(id, ProjectRole.VIEWER));
    }

    /** One sample of its CPU, memory, network and block I/O use; empty when it does not run (VIEWER). */
    public Optional<ContainerStatsSample> stats(UUID id) {
        return queries.stats(rows.visible(id, ProjectRole.VIEWER));
    }

    /**
     * Delivers the last {@code tail} lines of its output and then new ones as they come, on a driver thread,
     * until closed (VIEWER). Nothing is delivered for a container with nothing on a host.
     */
    public AutoCloseable followLogs(UUID id, int tail, Consumer<ContainerLogLine> sink) {
        return queries.followLogs(rows.visible(id, ProjectRole.VIEWER), tail, sink);
    }

    /**
     * The container a browser shell may be opened in: the caller needs MEMBER in its project (a shell is write
     * access, so VIEWER is refused), and it must be running on a host.
     */
    public ContainerSummary shellTarget(UUID id) {
        ManagedContainer container = rows.visible(id, ProjectRole.MEMBER);
        if (container.state() != ContainerStatus.RUNNING || container.engineId() == null || container.hostId() == null) {
            throw new ContainerValidationException("Container " + container.name() + " is not running: a shell needs a running container.");
        }
        return container.summary(rows.hostName(container.hostId()));
    }

    /** Starts {@code /bin/sh} with a terminal in the container, checked as {@link #shellTarget}. */
    public ShellSession openShell(UUID id, int columns, int rows, ShellSession.Listener listener) {
        return openShell(id, null, columns, rows, listener);
    }

    /**
     * Starts the command the user typed (null or blank: {@code /bin/sh}) with a terminal in the container, checked
     * as {@link #shellTarget}. The text is split into arguments by {@link #shellCommand} and run without a shell.
     */
    public ShellSession openShell(UUID id, String command, int columns, int rows, ShellSession.Listener listener) {
        List<String> argv = command == null || command.isBlank() ? SHELL : shellCommand(command);
        ContainerSummary container = shellTarget(id);
        return hosts.engineOf(container.hostId()).openShell(container.engineId(), argv, columns, rows, listener);
    }

    /**
     * A command typed for a console as the argument list it runs as (words split at spaces; '…' or "…" keep
     * spaces in one word; no variables, globs or pipes, because no shell reads it). Throws
     * {@link ContainerValidationException} for the field {@code command} when it cannot be split.
     */
    public List<String> shellCommand(String command) {
        return CommandWords.split(command);
    }

    /**
     * The container whose output a browser may follow: as {@link #shellTarget} (MEMBER, running), since every
     * console needs MEMBER.
     */
    public ContainerSummary outputTarget(UUID id) {
        return shellTarget(id);
    }

    /** Follows the output of the container's main process from now on (the engine's attach), read-only. */
    public Subscription attachOutput(UUID id, ShellSession.Listener listener) {
        ContainerSummary container = outputTarget(id);
        return hosts.engineOf(container.hostId()).attachOutput(container.engineId(), listener);
    }

    /**
     * Validates, reserves quota and records the container (PROVISIONING) in one transaction, then
     * creates and starts it in a task. Refused requests leave nothing behind.
     */
    public ContainerOperation create(NewContainer request) {
        // The caller's role in the project is checked when the quota is reserved, before anything is recorded.
        return creation.create(request);
    }

    @Override
    public ContainerOperation start(UUID id) {
        return act(id, "container.start", (c, engine) -> engine.start(c.engineId()));
    }

    @Override
    public ContainerOperation stop(UUID id) {
        return act(id, "container.stop", (c, engine) -> engine.stop(c.engineId(), stopTimeout));
    }

    public ContainerOperation restart(UUID id) {
        return act(id, "container.restart", (c, engine) -> engine.restart(c.engineId(), stopTimeout));
    }

    /** Removes the container from its engine (stopping it) and frees its quota. */
    @Override
    public ContainerOperation delete(UUID id) {
        return delete(id, ExpectedVersion.ANY);
    }

    /** Deletes it only if it is still at the {@code expected} version (else {@link WorkloadChangedException}). */
    @Override
    public ContainerOperation delete(UUID id, ExpectedVersion expected) {
        return lifecycle.delete(rows.visible(id, ProjectRole.MEMBER), expected);
    }

    /**
     * Starts a container whose restart policy is "always" and that stopped without a console action. Called by
     * the keeper, not by users; runs as the system and is audited.
     */
    Optional<ContainerOperation> restartByPolicy(UUID id, String why) {
        return lifecycle.restartByPolicy(id, why);
    }

    /** Removes a container from its engine, or nothing when it is not there or the engine is gone. */
    static void removeQuietly(ContainerEngine engine, String idOrName) {
        try {
            engine.remove(idOrName, true);
        } catch (RuntimeException ignored) {
            // nothing there, or the engine is gone: nothing more to undo from here
        }
    }

    private ContainerOperation act(UUID id, String action, BiConsumer<ManagedContainer, ContainerEngine> work) {
        return lifecycle.act(rows.visible(id, ProjectRole.MEMBER), action, work);
    }
}
