package io.gureum.container.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerEvent;
import io.gureum.container.ContainerInfo;
import io.gureum.container.ContainerRef;
import io.gureum.container.ContainerSpec;
import io.gureum.container.ContainerStats;
import io.gureum.container.ContainerSummary;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.EngineException;
import io.gureum.container.EngineInfo;
import io.gureum.container.EngineVersion;
import io.gureum.container.ExecResult;
import io.gureum.container.HealthCheck;
import io.gureum.container.ImageInfo;
import io.gureum.container.InvalidSpecException;
import io.gureum.container.LogLine;
import io.gureum.container.NotFoundException;
import io.gureum.container.Protocol;
import io.gureum.container.ShellSession;
import io.gureum.container.Subscription;
import io.gureum.container.UnavailableException;
import io.gureum.container.WrongStateException;

import java.io.InputStream;
import java.net.URLEncoder;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** {@link ContainerEngine} over the Docker Engine API, for Docker and Podman alike. */
final class DockerApiEngine implements ContainerEngine, DriverHealthChecker.Target {
    private static final long STREAM_START_WAIT_MS = 2000;

    private final EngineEndpoint endpoint;
    private final DockerClients clients;
    private final EngineInfo.Product product;
    private final EngineVersion openedVersion;
    private final CreateContainer creator;
    private final Set<StreamSubscription<?, ContainerEvent>> eventSubscriptions = new CopyOnWriteArraySet<>();
    private final Set<Subscription> openStreams = new CopyOnWriteArraySet<>();
    private final DriverHealthChecker healthChecker;
    private final Deadlines deadlines;
    private volatile boolean closed;

    DockerApiEngine(EngineEndpoint endpoint, DockerClients clients, Deadlines deadlines, Version version) {
        this.endpoint = endpoint;
        this.clients = clients;
        this.deadlines = deadlines;
        this.product = ContainerEngines.productOf(version);
        this.openedVersion = new EngineVersion(product, version.getVersion(), version.getApiVersion());
        this.creator = new CreateContainer(clients.control, product == EngineInfo.Product.DOCKER);
        this.healthChecker = new DriverHealthChecker(this, this::publish, Clock.systemUTC(),
                endpoint.uri().getPath() == null ? endpoint.uri().getHost() : endpoint.uri().getPath());
    }

    @Override
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    EngineInfo.Product product() {
        return product;
    }

    @Override
    public EngineInfo info() {
        return call("engine info", () -> {
            Version v = clients.control.versionCmd().exec();
            Info i = clients.control.infoCmd().exec();
            return new EngineInfo(product, v.getVersion(), v.getApiVersion(),
                    i.getNCPU() == null ? 0 : i.getNCPU(), i.getMemTotal() == null ? 0 : i.getMemTotal(),
                    i.getOperatingSystem(), v.getKernelVersion(), endpoint.toString());
        });
    }

    /** A ping, then the version read when the engine was opened: Podman's version call is as costly as its info. */
    @Override
    public EngineVersion version() {
        ping();
        return openedVersion;
    }

    @Override
    public void ping() {
        call("ping", endpoint.connectTimeout(), () -> clients.probe.pingCmd().exec());
    }

    @Override
    public ContainerRef create(ContainerSpec spec) {
        if (spec == null) {
            throw new InvalidSpecException("container spec is required");
        }
        spec.requireValid(); // before any engine call: a refused spec leaves nothing behind
        return call("create container " + spec.name(), () -> creator.create(spec));
    }

    @Override
    public void start(String container) {
        call("start " + container, () -> {
            try {
                clients.control.startContainerCmd(container).exec();
            } catch (NotModifiedException alreadyRunning) {
                // idempotent: it runs, which is what was asked
            }
            return null;
        });
    }

    @Override
    public void stop(String container, Duration timeout) {
        int seconds = seconds(timeout);
        call("stop " + container, timeout.plus(endpoint.callTimeout()), () -> {
            try {
                clients.slow.stopContainerCmd(container).withTimeout(seconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // idempotent: it does not run, which is what was asked
            }
            return null;
        });
    }

    @Override
    public void restart(String container, Duration timeout) {
        int seconds = seconds(timeout);
        call("restart " + container, timeout.plus(endpoint.callTimeout()), () -> clients.slow.restartContainerCmd(container).withTimeout(seconds).exec());
    }

    @Override
    public void pause(String container) {
        call("pause " + container, () -> clients.control.pauseContainerCmd(container).exec());
    }

    @Override
    public void unpause(String container) {
        call("unpause " + container, () -> clients.control.unpauseContainerCmd(container).exec());
    }

    @Override
    public void remove(String container, boolean force) {
        call("remove " + container, () -> {
            InspectContainerResponse r = clients.control.inspectContainerCmd(container).exec();
            String name = Mapping.stripSlash(r.getName());
            String prefix = CreateContainer.volumeName(name, "");
            List<String> volumes = new ArrayList<>();
            if (r.getMounts() != null) {
                for (InspectContainerResponse.Mount m : r.getMounts()) {
                    if (m.getName() != null && m.getName().startsWith(prefix)) {
                        volumes.add(m.getName());
                    }
                }
            }
            clients.control.removeContainerCmd(r.getId()).withForce(force).withRemoveVolumes(true).exec();
            for (String v : volumes) {
                try {
                    clients.control.removeVolumeCmd(v).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                    // already removed with the container
                }
            }
            return null;
        });
    }

    @Override
    public ContainerInfo inspect(String container) {
        return call("inspect " + container, () -> {
            InspectContainerResponse r = clients.control.inspectContainerCmd(container).exec();
            return Mapping.info(r, driverHealth(r));
        });
    }

    private io.gureum.container.Health driverHealth(InspectContainerResponse r) {
        io.gureum.container.Health h = healthChecker.healthOf(r.getId());
        if (h != null) {
            return h;
        }
        Map<String, String> labels = r.getConfig() == null ? null : r.getConfig().getLabels();
        HealthCheck check = labels == null ? null : HealthLabel.read(labels.get(HealthLabel.KEY));
        if (check != null && driverRuns(check) && r.getState() != null && Boolean.TRUE.equals(r.getState().getRunning())) {
            return new io.gureum.container.Health(io.gureum.container.HealthStatus.STARTING, 0, null, null,
                    io.gureum.container.Health.Source.DRIVER);
        }
        return null;
    }

    private boolean driverRuns(HealthCheck check) {
        return product == EngineInfo.Product.PODMAN || check.probe() instanceof HealthCheck.HttpGet;
    }

    @Override
    public List<ContainerSummary> list() {
        return call("list containers", () -> clients.control.listContainersCmd().withShowAll(true).exec()
                .stream().map(Mapping::summary).toList());
    }

    @Override
    public List<LogLine> logs(String container, int tail) {
        return call("logs of " + container, () -> {
            List<LogLine> lines = new ArrayList<>();
            LogFrames frames = new LogFrames(lines::add);
            ResultCallback.Adapter<Frame> cb = logCommand(clients.control, container, tail, false)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame f) {
                            frames.accept(f);
                        }
                    });
            await(cb, endpoint.callTimeout(), "logs of " + container);
            frames.flush();
            return lines;
        });
    }

    @Override
    public Subscription followLogs(String container, int tail, Consumer<LogLine> sink) {
        return call("follow logs of " + container, () -> {
            clients.control.inspectContainerCmd(container).exec(); // NotFound now, not later on a stream thread
            AtomicReference<StreamSubscription<Frame, LogLine>> ref = new AtomicReference<>();
            LogFrames frames = new LogFrames(line -> ref.get().deliver(line));
            StreamSubscription<Frame, LogLine> sub = new StreamSubscription<>("logs of " + container,
                    f -> {
                        frames.accept(f);
                        return null;
                    }, sink, frames::flush);
            ref.set(sub);
            track(sub);
            logCommand(clients.stream, container, tail, true).exec(sub);
            sub.awaitStarted(STREAM_START_WAIT_MS);
            return sub;
        });
    }

    private static LogContainerCmd logCommand(com.github.dockerjava.api.DockerClient docker, String container, int tail, boolean follow) {
        LogContainerCmd cmd = docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(follow);
        return tail < 0 ? cmd.withTailAll() : cmd.withTail(tail);
    }

    @Override
    public ContainerStats stats(String container) {
        return call("stats of " + container, () -> {
            Statistics first = sample(container);
            if (hasPreviousCpu(first)) {
                return Stats.of(first, Stats.cpuPercent(first.getCpuStats(), first.getPreCpuStats()));
            }
            // Podman's one-shot stats carry no previous CPU sample, and its system_cpu_usage does not
            // advance with wall time: take a second sample and divide by the wall time between them.
            long t0 = System.nanoTime();
            Thread.sleep(CPU_SAMPLE_INTERVAL_MS);
            Statistics second = sample(container);
            long wall = System.nanoTime() - t0;
            return Stats.of(second, Stats.cpuPercentOverWallTime(second.getCpuStats(), first.getCpuStats(), wall));
        });
    }

    private static final long CPU_SAMPLE_INTERVAL_MS = 500;

    private Statistics sample(String container) throws InterruptedException {
        AtomicReference<Statistics> first = new AtomicReference<>();
        ResultCallback.Adapter<Statistics> cb = clients.control.statsCmd(container).withNoStream(true)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Statistics s) {
                        first.compareAndSet(null, s);
                    }
                });
        await(cb, endpoint.callTimeout(), "stats of " + container);
        if (first.get() == null || first.get().getCpuStats() == null) {
            throw new WrongStateException("stats of " + container + ": the engine sent none (is it running?)");
        }
        return first.get();
    }

    private static boolean hasPreviousCpu(Statistics s) {
        return s.getPreCpuStats() != null && s.getPreCpuStats().getCpuUsage() != null
                && s.getPreCpuStats().getCpuUsage().getTotalUsage() != null && s.getPreCpuStats().getCpuUsage().getTotalUsage() > 0
                && s.getPreCpuStats().getSystemCpuUsage() != null && s.getPreCpuStats().getSystemCpuUsage() > 0;
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        if (command == null || command.isEmpty()) {
            throw new InvalidSpecException("exec needs a command");
        }
        return call("exec in " + container, timeout.plus(endpoint.callTimeout()), () -> {
            ExecCreateCmdResponse created = clients.control.execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new)).withAttachStdout(true).withAttachStderr(true).exec();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            ResultCallback.Adapter<Frame> cb = clients.slow.execStartCmd(created.getId()).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame f) {
                    String s = new String(f.getPayload(), StandardCharsets.UTF_8);
                    synchronized (out) {
                        (f.getStreamType() == StreamType.STDERR ? err : out).append(s);
                    }
                }
            });
            boolean finished = cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            closeQuietly(cb);
            synchronized (out) {
                if (!finished) {
                    return new ExecResult(-1, out.toString(), err.toString());
                }
                Long exit = clients.control.inspectExecCmd(created.getId()).exec().getExitCodeLong();
                return new ExecResult(exit == null ? -1 : exit.intValue(), out.toString(), err.toString());
            }
        });
    }

    @Override
    public Subscription attachOutput(String container, ShellSession.Listener listener) {
        return call("attach to " + container, () -> {
            InspectContainerResponse inspected = clients.control.inspectContainerCmd(container).exec();
            if (inspected.getState() == null || !Boolean.TRUE.equals(inspected.getState().getRunning())) {
                throw new WrongStateException("container " + container + " is not running");
            }
            StreamSubscription<Frame, byte[]> sub = new StreamSubscription<>("output of " + container,
                    Frame::getPayload, listener::output, listener::ended);
            track(sub);
            // Only what comes from now on (no logs): the console's log view shows the past.
            clients.stream.attachContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withLogs(false).exec(sub);
            sub.awaitStarted(STREAM_START_WAIT_MS);
            return sub;
        });
    }

    @Override
    public ShellSession openShell(String container, List<String> command, int columns, int rows,
                                  ShellSession.Listener listener) {
        if (command == null || command.isEmpty()) {
            throw new InvalidSpecException("a shell needs a command");
        }
        if (columns < 1 || rows < 1 || columns > 1000 || rows > 1000) {
            throw new InvalidSpecException("terminal size must be 1 to 1000 columns and rows: " + columns + "x" + rows);
        }
        return call("shell in " + container, () -> {
            String mark = java.util.UUID.randomUUID().toString();
            ExecCreateCmdResponse created = clients.control.execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new)).withTty(true).withAttachStdin(true)
                    .withAttachStdout(true).withAttachStderr(true)
                    .withEnv(List.of("TERM=xterm-256color", ExecShell.MARK + "=" + mark)).exec();
            ExecShell shell = new ExecShell(clients.control, container, mark, created.getId(), "shell in " + container,
                    listener);
            clients.stream.execStartCmd(created.getId()).withTty(true).withDetach(false).withStdIn(shell.stdin())
                    .exec(shell);
            // The size can only be set once the command runs; until then the engine answers "not running".
            shell.awaitStarted(STREAM_START_WAIT_MS, TimeUnit.MILLISECONDS);
            shell.resize(columns, rows);
            return shell;
        });
    }

    @Override
    public List<ImageInfo> images() {
        return call("list images", () -> clients.control.listImagesCmd().exec().stream().map(Mapping::image).toList());
    }

    @Override
    public ImageInfo importRootfs(Path tarball, String reference) {
        if (reference == null || !reference.matches("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?")) {
            throw new InvalidSpecException("image reference must be name[:tag] in lower case: " + reference);
        }
        return call("import " + tarball + " as " + reference, DockerClients.SLOW_CALL_TIMEOUT, () -> {
            // Not createImageCmd: docker-java 3.7 serialises its InputStream as JSON. The repo carries the tag
            // (Docker accepts that and Podman ignores a separate tag parameter).
            String ref = reference.lastIndexOf(':') > reference.lastIndexOf('/') ? reference : reference + ":latest";
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/images/create?fromSrc=-&repo=" + URLEncoder.encode(ref, StandardCharsets.UTF_8))
                    .putHeader("Content-Type", "application/x-tar")
                    .body(Files.newInputStream(tarball))
                    .build();
            try (DockerHttpClient.Response response = clients.slowHttp.execute(request)) {
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (response.getStatusCode() >= 300) {
                    throw EngineErrors.fromStatus("import " + ref, response.getStatusCode(),
                            EngineErrors.messageOf(new com.github.dockerjava.api.exception.DockerException(body, response.getStatusCode())), null);
                }
                if (body.contains("\"error\"")) { // Docker reports a failed import inside a 200 progress stream
                    throw new EngineException("import " + ref + ": " + body.strip());
                }
            } finally {
                request.body().close();
            }
            return Mapping.image(clients.control.inspectImageCmd(ref).exec());
        });
    }

    @Override
    public List<ImageInfo> loadImages(Path archive) {
        return call("load " + archive, DockerClients.SLOW_CALL_TIMEOUT, () -> {
            Set<ImageInfo> before = new HashSet<>(images());
            try (InputStream in = Files.newInputStream(archive)) {
                clients.slow.loadImageCmd(in).exec();
            }
            return images().stream().filter(i -> !before.contains(i)).toList();
        });
    }

    @Override
    public void removeImage(String reference, boolean force) {
        call("remove image " + reference, () -> clients.control.removeImageCmd(reference).withForce(force).exec());
    }

    @Override
    public Subscription events(Consumer<ContainerEvent> listener) {
        return call("subscribe to events", () -> {
            AtomicReference<StreamSubscription<com.github.dockerjava.api.model.Event, ContainerEvent>> self = new AtomicReference<>();
            StreamSubscription<com.github.dockerjava.api.model.Event, ContainerEvent> sub = new StreamSubscription<>(
                    "events of " + endpoint, this::translateEvent, listener, () -> eventSubscriptions.remove(self.get()));
            self.set(sub);
            eventSubscriptions.add(sub);
            track(sub);
            clients.stream.eventsCmd().withEventTypeFilter(EventType.CONTAINER).exec(sub);
            sub.awaitStarted(STREAM_START_WAIT_MS);
            return sub;
        });
    }

    private ContainerEvent translateEvent(com.github.dockerjava.api.model.Event e) {
        ContainerEvent ev = Events.of(e);
        // Podman emits health_status from its (never-running) timers: the driver's checker is the source there.
        if (ev.type() == ContainerEvent.Type.HEALTH && product == EngineInfo.Product.PODMAN) {
            return null;
        }
        return ev;
    }

    /** Hands a driver-made event (health) to every open event subscription. */
    void publish(ContainerEvent event) {
        for (StreamSubscription<?, ContainerEvent> s : eventSubscriptions) {
            if (s.isOpen()) {
                s.deliver(event);
            }
        }
    }

    // ---- DriverHealthChecker.Target

    @Override
    public List<DriverHealthChecker.Checked> runningWithDriverChecks() {
        if (closed) {
            return List.of();
        }
        return call("list health-checked containers", () -> {
            List<DriverHealthChecker.Checked> out = new ArrayList<>();
            for (com.github.dockerjava.api.model.Container c : clients.control.listContainersCmd()
                    .withStatusFilter(List.of("running")).withLabelFilter(List.of(HealthLabel.KEY)).exec()) {
                Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
                HealthCheck check = HealthLabel.read(labels.get(HealthLabel.KEY));
                if (check != null && driverRuns(check) && "running".equalsIgnoreCase(c.getState())) {
                    String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : Mapping.stripSlash(c.getNames()[0]);
                    Map<String, String> attrs = new java.util.HashMap<>(labels);
                    attrs.put("name", name);
                    out.add(new DriverHealthChecker.Checked(c.getId(), name, check, Map.copyOf(attrs)));
                }
            }
            return out;
        });
    }

    @Override
    public URI httpAddress(String id, int containerPort) {
        ContainerInfo info = inspect(id);
        if (info.ipAddress() != null) {
            String host = info.ipAddress().contains(":") ? "[" + info.ipAddress() + "]" : info.ipAddress();
            return URI.create("http://" + host + ":" + containerPort + "/");
        }
        int published = info.hostPort(containerPort, Protocol.TCP);
        if (published < 0) {
            throw new NotFoundException("container " + id + " has no address and no published port " + containerPort);
        }
        return URI.create("http://127.0.0.1:" + published + "/");
    }

    // ---- plumbing

    private <T> T call(String what, ThrowingSupplier<T> body) {
        return call(what, endpoint.callTimeout(), body);
    }

    /** Runs one engine operation within a deadline and translates whatever goes wrong, once. */
    private <T> T call(String what, Duration timeout, ThrowingSupplier<T> body) {
        if (closed) {
            throw new EngineException(what + ": engine " + endpoint + " is closed");
        }
        Deadlines.Guard guard = deadlines.start(timeout);
        try {
            return body.get();
        } catch (Exception e) {
            if (guard.expired()) {
                throw EngineErrors.stalled(endpoint, what, timeout, e);
            }
            throw EngineErrors.translate(what, e, endpoint);
        } finally {
            guard.finish();
        }
    }

    private void track(Subscription s) {
        openStreams.add(s);
        openStreams.removeIf(x -> !x.isOpen());
    }

    /** Waits for an async call; docker-java rethrows its first error here, on the caller's thread. */
    private void await(ResultCallback.Adapter<?> cb, Duration timeout, String what) throws InterruptedException {
        if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new UnavailableException(what + ": no complete answer from " + endpoint + " within " + timeout);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing useful to do
        }
    }

    private static int seconds(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new InvalidSpecException("stop timeout must be zero or positive");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (timeout.toMillis() + 999) / 1000));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        healthChecker.close();
        deadlines.close();
        for (Subscription s : openStreams) {
            s.close();
        }
        clients.close();
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

}
