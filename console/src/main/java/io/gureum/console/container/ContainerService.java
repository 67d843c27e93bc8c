package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.Echo;
import io.gureum.console.system.NameRule;
import io.gureum.console.task.TaskContext;
import io.gureum.console.task.TaskRequest;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.task.TaskWork;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerRef;
import io.gureum.container.ContainerSpec;
import io.gureum.container.ImageInfo;
import io.gureum.container.LogLine;
import io.gureum.container.NotFoundException;
import io.gureum.container.PortMapping;
import io.gureum.container.Protocol;
import io.gureum.container.RestartPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The container feature's facade. Every method checks the caller's role in the container's project;
 * creation reserves quota and inserts the container in one transaction with the project's quota row
 * locked, then a task places, creates and starts it on a host's engine.
 */
@Service
public class ContainerService {

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
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    static final List<String> RESTART_POLICIES = List.of("no", "on-failure", "always", "unless-stopped");

    private final ContainerRepository containers;
    private final ProjectAccess access;
    private final QuotaService quotas;
    private final HostService hosts;
    private final TaskService tasks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ContainerStateSync stateSync;
    private final ContainerAdoption adoption;

    ContainerService(ContainerRepository containers, ProjectAccess access, QuotaService quotas, HostService hosts,
                     TaskService tasks, TransactionTemplate transactions, ApplicationEventPublisher events,
                     Clock clock, ContainerStateSync stateSync, ContainerAdoption adoption) {
        this.stateSync = stateSync;
        this.adoption = adoption;
        this.containers = containers;
        this.access = access;
        this.quotas = quotas;
        this.hosts = hosts;
        this.tasks = tasks;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** The containers the caller may see: all for admins, else those of projects where they have a role. */
    public List<ContainerSummary> list() {
        List<ManagedContainer> visible = access.isAdmin()
                ? containers.findAllByStateNotOrderByCreatedAtDesc(ContainerStatus.DELETED)
                : containers.findAllByProjectIdInAndStateNotOrderByCreatedAtDesc(
                        access.projectsWhereCallerHolds(ProjectRole.VIEWER), ContainerStatus.DELETED);
        Map<UUID, String> hostNames = hosts.forPlacement().stream()
                .collect(Collectors.toMap(HostSummary::id, HostSummary::name));
        return visible.stream().map(c -> c.summary(hostNames.get(c.hostId()))).toList();
    }

    /**
     * Memory counted for an adopted container that has no memory limit: the console cannot know what it
     * will use, so it assumes this much and says so.
     */
    static final long ASSUMED_UNLIMITED_MEMORY_MIB = 512;

    /** How many containers the console manages on each host (host id to count). Administrators only. */
    public Map<UUID, Long> managedCountByHost() {
        access.requireAdmin();
        Map<UUID, Long> counts = new java.util.HashMap<>();
        for (Object[] row : containers.countByHost()) {
            counts.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return counts;
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

    public ContainerSummary get(UUID id) {
        ManagedContainer container = visible(id, ProjectRole.VIEWER);
        return container.summary(hostName(container.hostId()));
    }

    /** The images containers can be created from: those on the engines of hosts that take containers. */
    public List<String> images() {
        Set<String> references = new TreeSet<>();
        for (HostSummary host : candidates()) {
            try {
                for (ImageInfo image : hosts.engineOf(host.id()).images()) {
                    image.tags().stream().filter(t -> !t.contains("<none>")).forEach(references::add);
                }
            } catch (RuntimeException unreachable) {
                // that host's images are not offered
            }
        }
        return List.copyOf(references);
    }

    /** The last {@code tail} lines of the container's output, oldest first. */
    public List<ContainerLogLine> logs(UUID id, int tail) {
        ManagedContainer container = visible(id, ProjectRole.VIEWER);
        if (container.engineId() == null || container.hostId() == null) {
            return List.of();
        }
        List<LogLine> lines = hosts.engineOf(container.hostId()).logs(container.engineId(),
                Math.max(1, Math.min(tail, 10_000)));
        return lines.stream().map(l -> new ContainerLogLine(l.stream() == LogLine.Stream.STDERR, l.timestamp(),
                l.text())).toList();
    }

    static final int MAX_HEALTH_INTERVAL_SECONDS = 3600;

    /** The driver's health check for a request's, or null; refuses one the driver would refuse. */
    static io.gureum.container.HealthCheck healthCheck(NewHealthCheck asked) {
        if (asked == null) {
            return null;
        }
        if (asked.intervalSeconds() < 1 || asked.intervalSeconds() > MAX_HEALTH_INTERVAL_SECONDS) {
            throw new ContainerValidationException("healthInterval",
                    "A health check runs every 1 to " + MAX_HEALTH_INTERVAL_SECONDS
                    + " seconds, not " + asked.intervalSeconds() + ".");
        }
        if (asked.timeoutSeconds() < 1 || asked.timeoutSeconds() > asked.intervalSeconds()) {
            throw new ContainerValidationException("healthTimeout",
                    "A health check's timeout is 1 second to its interval ("
                    + asked.intervalSeconds() + " s), not " + asked.timeoutSeconds() + ".");
        }
        if (asked.retries() < 1 || asked.retries() > io.gureum.container.HealthCheck.MAX_RETRIES) {
            throw new ContainerValidationException("healthRetries", "A health check has 1 to "
                    + io.gureum.container.HealthCheck.MAX_RETRIES + " retries, not " + asked.retries() + ".");
        }
        Duration interval = Duration.ofSeconds(asked.intervalSeconds());
        Duration timeout = Duration.ofSeconds(asked.timeoutSeconds());
        String command = asked.command() == null || asked.command().isBlank() ? null : asked.command().strip();
        if (command != null) {
            if (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0) {
                throw new ContainerValidationException("healthCommand",
                        "The health check command has at most " + MAX_COMMAND
                        + " characters.");
            }
            return io.gureum.container.HealthCheck.exec(List.of("sh", "-c", command), interval, timeout,
                    asked.retries());
        }
        if (asked.httpPort() == null) {
            throw new ContainerValidationException("healthPort", "A health check needs a command or an HTTP port.");
        }
        if (asked.httpPort() < 1 || asked.httpPort() > 65535) {
            throw new ContainerValidationException("healthPort", "A health check's HTTP port is 1 to 65535, not "
                    + asked.httpPort() + ".");
        }
        String path = asked.httpPath() == null || asked.httpPath().isBlank() ? "/" : asked.httpPath().strip();
        if (!path.startsWith("/") || path.length() > 1000 || path.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            throw new ContainerValidationException("healthPath", "A health check's HTTP path starts with '/' and has "
                    + "no spaces, not " + Echo.quoted(path) + ".");
        }
        return io.gureum.container.HealthCheck.httpGet(asked.httpPort(), path, interval, timeout, asked.retries());
    }

    /** The container's record and what its engine says about it now (VIEWER). */
    public ContainerDetails inspect(UUID id) {
        ManagedContainer container = visible(id, ProjectRole.VIEWER);
        ContainerSummary summary = container.summary(hostName(container.hostId()));
        if (container.engineId() == null || container.hostId() == null) {
            return new ContainerDetails(summary, false, null, null, ports(summary), summary.health(), null, null, 0,
                    null, null, 0, false);
        }
        ContainerInfo info;
        try {
            info = hosts.engineOf(container.hostId()).inspect(container.engineId());
        } catch (RuntimeException unreachable) {
            return new ContainerDetails(summary, false, null, null, ports(summary), summary.health(), null, null, 0,
                    null, null, 0, false);
        }
        List<String> published = info.ports() == null ? List.of() : info.ports().stream()
                .filter(p -> p.hostPort() > 0)
                .map(p -> (p.hostIp() == null || p.hostIp().isBlank() || p.hostIp().equals("0.0.0.0")
                        ? "127.0.0.1" : p.hostIp()) + ":" + p.hostPort() + " → " + p.containerPort() + "/"
                        + p.protocol().apiName())
                .distinct().toList();
        io.gureum.container.Health health = info.health() == null ? io.gureum.container.Health.NONE : info.health();
        return new ContainerDetails(summary, true, info.state() == null ? null : info.state().name().toLowerCase(),
                info.ipAddress(), published.isEmpty() ? ports(summary) : published,
                health.status() == null ? null : health.status().name().toLowerCase(), health.lastOutput(),
                health.lastCheck(), health.failingStreak(), info.exitCode(), info.startedAt(), info.restartCount(),
                info.oomKilled());
    }

    private static List<String> ports(ContainerSummary c) {
        return c.containerPort() == null || c.hostPort() == null ? List.of()
                : List.of("127.0.0.1:" + c.hostPort() + " → " + c.containerPort() + "/tcp");
    }

    /** One sample of its CPU, memory, network and block I/O use; empty when it does not run (VIEWER). */
    public java.util.Optional<ContainerStatsSample> stats(UUID id) {
        ManagedContainer container = visible(id, ProjectRole.VIEWER);
        if (container.engineId() == null || container.hostId() == null) {
            return java.util.Optional.empty();
        }
        try {
            io.gureum.container.ContainerStats s = hosts.engineOf(container.hostId()).stats(container.engineId());
            return java.util.Optional.of(new ContainerStatsSample(s.read(), s.cpuPercent(), s.memoryUsageBytes(),
                    s.memoryLimitBytes(), s.networkRxBytes(), s.networkTxBytes(), s.blockReadBytes(),
                    s.blockWriteBytes()));
        } catch (io.gureum.container.EngineException notRunning) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Delivers the last {@code tail} lines of its output and then new ones as they come, on a driver thread,
     * until closed (VIEWER). Nothing is delivered for a container with nothing on a host.
     */
    public AutoCloseable followLogs(UUID id, int tail, Consumer<ContainerLogLine> sink) {
        ManagedContainer container = visible(id, ProjectRole.VIEWER);
        if (container.engineId() == null || container.hostId() == null) {
            return () -> { };
        }
        io.gureum.container.Subscription subscription = hosts.engineOf(container.hostId()).followLogs(
                container.engineId(), Math.max(0, Math.min(tail, 10_000)), l -> sink.accept(new ContainerLogLine(
                        l.stream() == LogLine.Stream.STDERR, l.timestamp(), l.text())));
        return subscription::close;
    }

    /**
     * Validates, reserves quota and records the container (PROVISIONING) in one transaction, then
     * creates and starts it in a task. Refused requests leave nothing behind.
     */
    public ContainerOperation create(NewContainer request) {
        String name = request.name();
        NAME_RULE.problem(name).ifPresent(problem -> {
            throw new ContainerValidationException("name", problem);
        });
        if (!(request.cpus() >= MIN_CPUS && request.cpus() <= MAX_CPUS)) {
            throw new ContainerValidationException("cpus", "A container has " + MIN_CPUS + " to " + (int) MAX_CPUS
                    + " CPUs, not " + Echo.shortened(Double.toString(request.cpus())) + ".");
        }
        if (request.memoryMib() < MIN_MEMORY_MIB || request.memoryMib() > MAX_MEMORY_MIB) {
            throw new ContainerValidationException("memoryMib", "A container has " + MIN_MEMORY_MIB + " to "
                    + MAX_MEMORY_MIB + " MiB of memory, not " + request.memoryMib() + ".");
        }
        String restart = request.restartPolicy() == null || request.restartPolicy().isBlank() ? "no"
                : request.restartPolicy().strip();
        if (!RESTART_POLICIES.contains(restart)) {
            throw new ContainerValidationException("restartPolicy", "Restart policy " + Echo.quoted(restart)
                    + " is not one of "
                    + RESTART_POLICIES + ".");
        }
        String command = request.command() == null || request.command().isBlank() ? null : request.command().strip();
        if (command != null && (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0)) {
            throw new ContainerValidationException("command",
                    "The command has at most " + MAX_COMMAND + " characters.");
        }
        Integer port = request.containerPort();
        if (port != null && (port < 1 || port > 65535)) {
            throw new ContainerValidationException("containerPort", "A container port is 1 to 65535, not " + port
                    + ".");
        }
        Map<String, String> env = request.env() == null ? Map.of() : new LinkedHashMap<>(request.env());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() == null || !ENV_KEY.matcher(e.getKey()).matches() || e.getValue() == null
                    || e.getValue().indexOf('\0') >= 0) {
                throw new ContainerValidationException("env", "Environment variable " + Echo.quoted(e.getKey())
                        + " is not valid: "
                        + "names are letters, digits and '_', not starting with a digit.");
            }
        }
        io.gureum.container.HealthCheck check = healthCheck(request.healthCheck());
        String image = normalized(request.image() == null || request.image().isBlank() ? DEFAULT_IMAGE
                : request.image().strip());
        List<HostSummary> candidates = candidates();
        if (!candidates.isEmpty() && candidates.stream().noneMatch(h -> holdsImageQuietly(h.id(), image))) {
            throw new ContainerValidationException("image", "Image " + Echo.quoted(image)
                    + " is not on any container engine. "
                    + "Available: " + images() + ".");
        }
        int millicpus = (int) Math.round(request.cpus() * 1000);
        int wholeCpus = (millicpus + 999) / 1000;
        UUID id = UUID.randomUUID();
        String owner = SecurityContextHolder.getContext().getAuthentication().getName();
        ManagedContainer recorded = transactions.execute(tx -> {
            // Locks the project's quota row: concurrent creates of one project queue here.
            quotas.reserve(request.projectId(), new ResourceAmounts(0, 0, 0, 0, 1, wholeCpus, request.memoryMib()));
            if (containers.existsByProjectIdAndNameAndStateNot(request.projectId(), name, ContainerStatus.DELETED)) {
                throw new ContainerValidationException("name", "The project has a container named '" + name
                        + "' already.");
            }
            return containers.save(new ManagedContainer(id, name, request.projectId(), owner, image, command,
                    millicpus, request.memoryMib(), restart, port, now()));
        });
        events.publishEvent(new ContainerEvents.ContainerActionRequested(id, name, request.projectId(),
                "container.create", request.cpus() + " CPUs, " + request.memoryMib() + " MiB, image " + image));
        TaskSummary task = tasks.submit(new TaskRequest("container.create", "container", id.toString(), name,
                request.projectId()), context -> createTask(id, env, check, context));
        return new ContainerOperation(recorded.summary(null), task.id());
    }

    public ContainerOperation start(UUID id) {
        return act(id, "container.start", (c, engine) -> engine.start(c.engineId()));
    }

    public ContainerOperation stop(UUID id) {
        return act(id, "container.stop", (c, engine) -> engine.stop(c.engineId(), STOP_TIMEOUT));
    }

    public ContainerOperation restart(UUID id) {
        return act(id, "container.restart", (c, engine) -> engine.restart(c.engineId(), STOP_TIMEOUT));
    }

    /** Removes the container from its engine (stopping it) and frees its quota. */
    public ContainerOperation delete(UUID id) {
        ManagedContainer container = visible(id, ProjectRole.MEMBER);
        if (container.state() == ContainerStatus.PROVISIONING || container.state() == ContainerStatus.DELETING) {
            throw new ContainerValidationException("Container " + container.name() + " is "
                    + container.state().name().toLowerCase() + ": wait until that ends, then delete it.");
        }
        ContainerStatus before = container.state();
        record(tx -> update(id, c -> c.observed(ContainerStatus.DELETING, "deleting",
                now())));
        events.publishEvent(new ContainerEvents.ContainerActionRequested(id, container.name(), container.projectId(),
                "container.delete", null));
        // Read before the task starts: on a fast engine it can be DELETED (and invisible) by the time submit returns.
        ContainerSummary deleting = get(id);
        TaskSummary task = tasks.submit(new TaskRequest("container.delete", "container", id.toString(),
                container.name(), container.projectId()), context -> {
                    try {
                        if (container.hostId() != null && container.engineId() != null) {
                            context.step("remove the container from host " + hostName(container.hostId()));
                            try {
                                hosts.engineOf(container.hostId()).remove(container.engineId(), true);
                            } catch (NotFoundException gone) {
                                // removed outside the console already
                            }
                        }
                        record(tx -> update(id, c -> c.observed(ContainerStatus.DELETED,
                                "deleted", now())));
                        finished(container, "container.delete", true, null);
                    } catch (RuntimeException e) {
                        record(tx -> update(id, c -> c.observed(before,
                                "delete failed: " + e.getMessage(), now())));
                        finished(container, "container.delete", false, e.getMessage());
                        throw EngineFailure.explain(e);
                    }
                });
        return new ContainerOperation(deleting, task.id());
    }

    private void createTask(UUID id, Map<String, String> env, io.gureum.container.HealthCheck check,
                            TaskContext context) {
        ManagedContainer container = containers.findById(id).orElseThrow();
        String engineId = null;
        ContainerEngine engine = null;
        try {
            context.step("choose a host");
            HostSummary host = choose(container.image());
            record(tx -> update(id, c -> c.placed(host.id(), now())));
            engine = hosts.engineOf(host.id());
            context.step("create the container on host " + host.name(), 10);
            ContainerSpec.Builder spec = ContainerSpec.builder(container.engineName(), container.image())
                    .limits(container.cpus(), container.memoryMib())
                    .restart(policy(container.restartPolicy()))
                    .labels(id.toString(), Long.toString(container.projectId()));
            if (container.command() != null) {
                spec.command("sh", "-c").args(container.command()); // an argument list: never parsed by a shell here
            }
            env.forEach(spec::env);
            if (check != null) {
                spec.healthCheck(check);
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
            if (container.containerPort() == null && check == null) {
                // Start returned, so it runs: no inspect round trip. An exit the engine reports from here on is
                // applied by the state sync, including one that came while the row was still PROVISIONING.
                record(tx -> update(id, c -> {
                    c.created(made, null, now());
                    c.observed(ContainerStatus.RUNNING, "started", now());
                }));
                stateSync.endedWhileProvisioning(id);
            } else {
                // The published host port and the first health state are only known by asking the engine.
                ContainerInfo info = engine.inspect(made);
                Integer hostPort = container.containerPort() == null ? null
                        : info.hostPort(container.containerPort(), Protocol.TCP);
                record(tx -> update(id, c -> {
                    c.created(made, hostPort == null || hostPort < 0 ? null : hostPort, now());
                    c.observed(ContainerStateSync.statusOf(info.state()), ContainerStateSync.reasonOf(info), now());
                    if (info.health() != null && info.health().status() != null) {
                        c.health(ContainerStateSync.healthText(info.health().status()), now());
                    }
                }));
            }
            finished(container, "container.create", true, "on host " + host.name());
        } catch (RuntimeException e) {
            if (engine != null) {
                removeQuietly(engine, engineId != null ? engineId : container.engineName());
            }
            record(tx -> update(id, c -> c.failed(e.getMessage(), now())));
            finished(container, "container.create", false, e.getMessage());
            throw EngineFailure.explain(e);
        }
    }

    static void removeQuietly(ContainerEngine engine, String idOrName) {
        try {
            engine.remove(idOrName, true);
        } catch (RuntimeException ignored) {
            // nothing there, or the engine is gone: nothing more to undo from here
        }
    }

    /** A host that takes placements, has an answering engine and holds the image; else why not, per host. */
    private HostSummary choose(String image) {
        List<String> reasons = new ArrayList<>();
        for (HostSummary host : hosts.forPlacement()) {
            if (host.maintenance()) {
                reasons.add(host.name() + ": maintenance");
            } else if (!host.engineAnswers()) {
                reasons.add(host.name() + ": container engine " + host.engineText());
            } else {
                try {
                    if (holdsImage(host.id(), image)) {
                        return host;
                    }
                    reasons.add(host.name() + ": image " + image + " is not there");
                } catch (RuntimeException e) {
                    reasons.add(host.name() + ": engine does not answer (" + e.getMessage() + ")");
                }
            }
        }
        throw new IllegalStateException("No host can run the container"
                + (reasons.isEmpty() ? ": no hosts are registered." : ": " + String.join("; ", reasons) + "."));
    }

    /** How long a host's image listing answers "is the image there?" with yes. */
    private static final long IMAGES_KNOWN_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    private record KnownImages(Set<String> tags, long listedAtNanos) {
    }

    private final java.util.concurrent.ConcurrentMap<UUID, KnownImages> knownImages =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether the host's engine holds the image. A listing from the last 30 s answers yes; anything else lists the
     * images anew. Every create used to list the images twice (validation, placement): two engine round trips that
     * made up a good part of the console's overhead over the engine's own create + start. An image removed within
     * those 30 s makes the create fail on the engine instead, with the engine's message in the task.
     */
    private boolean holdsImage(UUID hostId, String image) {
        KnownImages known = knownImages.get(hostId);
        if (known != null && System.nanoTime() - known.listedAtNanos() < IMAGES_KNOWN_NANOS
                && known.tags().contains(image)) {
            return true;
        }
        long listedAt = System.nanoTime();
        Set<String> tags = new java.util.HashSet<>();
        for (ImageInfo info : hosts.engineOf(hostId).images()) {
            tags.addAll(info.tags());
        }
        knownImages.put(hostId, new KnownImages(Set.copyOf(tags), listedAt));
        return tags.contains(image);
    }

    private boolean holdsImageQuietly(UUID hostId, String image) {
        try {
            return holdsImage(hostId, image);
        } catch (RuntimeException unreachable) {
            return false; // that host's images are not offered
        }
    }

    private List<HostSummary> candidates() {
        return hosts.forPlacement().stream().filter(HostSummary::acceptsContainers)
                .toList();
    }

    static String normalized(String image) {
        int slash = image.lastIndexOf('/');
        return image.indexOf(':', slash + 1) < 0 && !image.contains("@") ? image + ":latest" : image;
    }

    static RestartPolicy policy(String name) {
        return switch (name) {
            case "on-failure" -> RestartPolicy.onFailure(3);
            case "always" -> RestartPolicy.always();
            case "unless-stopped" -> RestartPolicy.unlessStopped();
            default -> RestartPolicy.no();
        };
    }

    /**
     * Starts a container whose restart policy is "always" and that stopped without a console action (a
     * {@code podman stop} or {@code kill} on the host, which the engine's own policy does not undo). Called by
     * the keeper, not by users; runs as the system and is audited.
     */
    java.util.Optional<ContainerOperation> restartByPolicy(UUID id, String why) {
        ManagedContainer container = containers.findById(id).orElse(null);
        if (container == null || !"always".equals(container.restartPolicy())
                || container.desiredState() != ContainerStatus.RUNNING || container.engineId() == null
                || container.hostId() == null
                || (container.state() != ContainerStatus.STOPPED && container.state() != ContainerStatus.EXITED)) {
            return java.util.Optional.empty();
        }
        String action = "container.restart-by-policy";
        events.publishEvent(new ContainerEvents.ContainerActionRequested(id, container.name(), container.projectId(),
                action, why));
        TaskSummary task = tasks.submit(new TaskRequest(action, "container", id.toString(), container.name(),
                container.projectId()), context -> {
                    context.step("start again on host " + hostName(container.hostId()) + ": restart policy is always ("
                            + why + ")");
                    try {
                        ContainerEngine engine = hosts.engineOf(container.hostId());
                        engine.start(container.engineId());
                        ContainerStatus status = ContainerStateSync.statusOf(engine.inspect(container.engineId())
                                .state());
                        record(tx -> update(id, c -> {
                            if (c.state() != ContainerStatus.DELETING && c.state() != ContainerStatus.DELETED) {
                                c.observed(status, "started again by its restart policy", now());
                            }
                        }));
                        finished(container, action, true, null);
                    } catch (RuntimeException e) {
                        finished(container, action, false, e.getMessage());
                        throw EngineFailure.explain(e);
                    }
                });
        return java.util.Optional.of(new ContainerOperation(container.summary(hostName(container.hostId())),
                task.id()));
    }

    private ContainerOperation act(UUID id, String action, EngineAction work) {
        ManagedContainer container = visible(id, ProjectRole.MEMBER);
        String verb = action.substring("container.".length());
        if (container.engineId() == null || container.hostId() == null
                || container.state() == ContainerStatus.DELETING) {
            throw new ContainerValidationException("Container " + container.name() + " is "
                    + container.state().name().toLowerCase() + " and has nothing on a host to " + verb + ".");
        }
        ContainerStatus desired = action.equals("container.stop") ? ContainerStatus.STOPPED : ContainerStatus.RUNNING;
        if (container.desiredState() != desired) {
            record(tx -> update(id, c -> c.desire(desired, now())));
        }
        events.publishEvent(new ContainerEvents.ContainerActionRequested(id, container.name(), container.projectId(),
                action, null));
        TaskWork body = context -> {
            context.step(verb + " on host " + hostName(container.hostId()));
            try {
                ContainerEngine engine = hosts.engineOf(container.hostId());
                work.run(container, engine);
                ContainerInfo info = engine.inspect(container.engineId());
                ContainerStatus status = action.equals("container.stop") && !info.running() ? ContainerStatus.STOPPED
                        : ContainerStateSync.statusOf(info.state());
                record(tx -> update(id, c -> {
                    if (c.state() != ContainerStatus.DELETING && c.state() != ContainerStatus.DELETED) {
                        c.observed(status, verb + " through the console", now());
                    }
                }));
                finished(container, action, true, null);
            } catch (RuntimeException e) {
                finished(container, action, false, e.getMessage());
                throw EngineFailure.explain(e);
            }
        };
        TaskSummary task = tasks.submit(new TaskRequest(action, "container", id.toString(), container.name(),
                container.projectId()), body);
        return new ContainerOperation(container.summary(hostName(container.hostId())), task.id());
    }

    private void finished(ManagedContainer container, String action, boolean ok, String detail) {
        events.publishEvent(new ContainerEvents.ContainerActionFinished(container.id(), container.name(),
                container.projectId(), action, ok, detail));
    }

    private ManagedContainer visible(UUID id, ProjectRole needed) {
        ManagedContainer container = containers.findById(id).filter(c -> c.state() != ContainerStatus.DELETED)
                .orElseThrow(() -> new ContainerNotFoundException(id));
        if (access.roleOf(container.projectId()).isEmpty() && !access.isAdmin()) {
            throw new ContainerNotFoundException(id); // another project's container looks like none at all
        }
        access.requireRole(container.projectId(), needed);
        return container;
    }

    /**
     * Runs a state change in its own transaction, again on an optimistic-lock conflict: engine
     * events (ContainerStateSync) may update the same row at the same moment.
     */
    private void record(Consumer<TransactionStatus> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(work);
                return;
            } catch (OptimisticLockingFailureException conflict) {
                if (attempt >= 5) {
                    throw conflict;
                }
            }
        }
    }

    private void update(UUID id, Consumer<ManagedContainer> change) {
        ManagedContainer container = containers.findById(id).orElseThrow(() -> new ContainerNotFoundException(id));
        change.accept(container);
        containers.save(container);
    }

    private String hostName(UUID hostId) {
        return hostId == null ? null : hosts.describe(hostId).map(HostSummary::name).orElse("(removed host)");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @FunctionalInterface
    private interface EngineAction {
        void run(ManagedContainer container, ContainerEngine engine);
    }
}
