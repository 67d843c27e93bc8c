package io.gureum.container;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The behaviour every {@link ContainerEngine} promises, stated once and run against each real
 * engine (Podman; Docker where one answers). Containers are named {@code gureum-test-*}, publish
 * only on 127.0.0.1, and are removed after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerEngineContract {
    protected static final String IMAGE = "localhost/gureum/busybox:latest";
    /** A shell that exits at once on SIGTERM (busybox sh as PID 1 would ignore it). */
    private static final String[] SLEEPER = {"sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"};

    protected ContainerEngine engine;
    private final List<String> made = new CopyOnWriteArrayList<>();

    /** Opens the engine under test; skips (or fails under CI) when it is not there. */
    protected abstract ContainerEngine openEngine();

    /** Opened once, in the first test, so that each test reports the skip (or CI failure) with its reason. */
    @BeforeEach
    void engineAndImageArePresent() {
        if (engine == null) {
            engine = openEngine();
        }
        io.gureum.container.testsupport.Requires.image(engine, IMAGE);
    }

    @AfterAll
    void closeIt() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void removeWhatTheTestMade() {
        for (String name : made) {
            try {
                engine.remove(name, true);
            } catch (NotFoundException gone) {
                // already removed by the test
            }
        }
        made.clear();
    }

    protected String name(String purpose) {
        String n = "gureum-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(n);
        return n;
    }

    protected ContainerSpec.Builder spec(String purpose) {
        return ContainerSpec.builder(name(purpose), IMAGE).limits(0.5, 64).labels("ct-" + purpose, "project-test");
    }

    @Test
    void engine_facts_are_reported() {
        EngineInfo info = engine.info();
        assertThat(info.version()).isNotBlank();
        assertThat(info.apiVersion()).isNotBlank();
        assertThat(info.cpus()).isPositive();
        assertThat(info.memoryBytes()).isPositive();
        engine.ping();
    }

    @Test
    void the_cheap_version_call_names_the_same_product_and_version_as_info() {
        EngineInfo info = engine.info();
        EngineVersion version = engine.version();
        assertThat(version.product()).isEqualTo(info.product());
        assertThat(version.version()).isEqualTo(info.version());
        assertThat(version.apiVersion()).isEqualTo(info.apiVersion());
    }

    @Test
    void a_container_goes_through_its_lifecycle() {
        ContainerRef ref = engine.create(spec("life").command(SLEEPER).build());
        assertThat(engine.inspect(ref.name()).state()).isEqualTo(ContainerState.CREATED);
        assertThat(engine.inspect(ref.name()).exitCode()).isNull();

        engine.start(ref.id());
        ContainerInfo running = engine.inspect(ref.name());
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.ipAddress()).isNotBlank();
        engine.start(ref.id()); // idempotent

        engine.pause(ref.name());
        assertThat(engine.inspect(ref.name()).state()).isEqualTo(ContainerState.PAUSED);
        assertThatThrownBy(() -> engine.pause(ref.name())).isInstanceOf(WrongStateException.class);
        engine.unpause(ref.name());
        assertThat(engine.inspect(ref.name()).state()).isEqualTo(ContainerState.RUNNING);

        ExecResult exec = engine.exec(ref.name(), List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 7"), Duration.ofSeconds(10));
        assertThat(exec).isEqualTo(new ExecResult(7, "to-out\n", "to-err\n"));

        ContainerStats stats = engine.stats(ref.name());
        assertThat(stats.memoryUsageBytes()).isPositive();
        assertThat(stats.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(stats.cpuPercent()).isBetween(0.0, 5.0); // it sleeps
        assertThat(stats.networkRxBytes()).isGreaterThanOrEqualTo(0);

        engine.restart(ref.name(), Duration.ofSeconds(5));
        assertThat(engine.inspect(ref.name()).state()).isEqualTo(ContainerState.RUNNING);

        long t0 = System.nanoTime();
        engine.stop(ref.name(), Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        ContainerInfo stopped = engine.inspect(ref.name());
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.finishedAt()).isAfterOrEqualTo(stopped.startedAt());
        engine.stop(ref.name(), Duration.ofSeconds(1)); // idempotent
        assertThatThrownBy(() -> engine.exec(ref.name(), List.of("true"), Duration.ofSeconds(5)))
                .isInstanceOf(WrongStateException.class);

        assertThat(engine.list()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo(ref.name());
            assertThat(c.ownership()).isEqualTo(new Ownership(true, "ct-life", "project-test"));
        });
        engine.remove(ref.name(), false);
        assertThatThrownBy(() -> engine.inspect(ref.name())).isInstanceOf(NotFoundException.class);
        assertThat(engine.list()).noneMatch(c -> c.name().equals(ref.name()));
        assertThatThrownBy(() -> engine.start(ref.name())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_shell_runs_with_a_terminal_takes_keystrokes_resizes_and_ends_when_closed() {
        ContainerRef ref = engine.create(spec("shell").command(SLEEPER).build());
        engine.start(ref.id());
        StringBuffer screen = new StringBuffer();
        java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
        ShellSession shell = engine.openShell(ref.name(), List.of("/bin/sh"), 80, 24, new ShellSession.Listener() {
            @Override
            public void output(byte[] bytes) {
                screen.append(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public void ended() {
                ends.incrementAndGet();
            }
        });
        assertThat(shell.isOpen()).isTrue();
        shell.write("echo $((6*7)); [ -t 0 ] && echo on-a-tty\n".getBytes(StandardCharsets.UTF_8));
        await("the answer", Duration.ofSeconds(10), () -> screen.toString().contains("42") && screen.toString().contains("on-a-tty"));

        shell.resize(123, 45);
        shell.write("stty size\n".getBytes(StandardCharsets.UTF_8));
        await("the new size (rows, columns)", Duration.ofSeconds(10), () -> screen.toString().contains("45 123"));

        shell.close();
        assertThat(shell.isOpen()).isFalse();
        await("the shell to end in the container", Duration.ofSeconds(5), () -> !engine.exec(ref.name(),
                List.of("ps", "-o", "args"), Duration.ofSeconds(5)).stdout().contains("/bin/sh\n"));
        assertThat(ends).hasValue(1);
    }

    @Test
    void a_shell_ends_by_itself_when_its_command_exits_and_needs_a_running_container() {
        ContainerRef ref = engine.create(spec("shell-exit").command(SLEEPER).build());
        assertThatThrownBy(() -> engine.openShell(ref.name(), List.of("/bin/sh"), 80, 24, new ShellSession.Listener() {
            @Override
            public void output(byte[] bytes) {
            }

            @Override
            public void ended() {
            }
        })).isInstanceOf(WrongStateException.class);
        engine.start(ref.id());
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        ShellSession shell = engine.openShell(ref.name(), List.of("/bin/sh"), 80, 24, new ShellSession.Listener() {
            @Override
            public void output(byte[] bytes) {
            }

            @Override
            public void ended() {
                ended.set(true);
            }
        });
        shell.write("exit\n".getBytes(StandardCharsets.UTF_8));
        await("the session to end", Duration.ofSeconds(10), ended::get);
        assertThat(shell.isOpen()).isFalse();
    }

    @Test
    void attaching_follows_the_main_process_output_from_now_on_and_ends_when_it_exits() {
        ContainerRef ref = engine.create(spec("attach").command("sh", "-c",
                "echo before-attach; sleep 2; i=0; while [ $i -lt 3 ]; do echo tick-$i; echo err-$i >&2; i=$((i+1)); sleep 1; done")
                .build());
        assertThatThrownBy(() -> engine.attachOutput(ref.name(), new ShellSession.Listener() {
            @Override
            public void output(byte[] bytes) {
            }

            @Override
            public void ended() {
            }
        })).isInstanceOf(WrongStateException.class);
        engine.start(ref.id());
        await("the line before attaching", Duration.ofSeconds(10),
                () -> engine.logs(ref.name(), 10).stream().anyMatch(l -> l.text().contains("before-attach")));
        StringBuffer seen = new StringBuffer();
        java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
        Subscription attached = engine.attachOutput(ref.name(), new ShellSession.Listener() {
            @Override
            public void output(byte[] bytes) {
                seen.append(new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public void ended() {
                ends.incrementAndGet();
            }
        });
        await("stdout and stderr lines", Duration.ofSeconds(15),
                () -> seen.toString().contains("tick-2") && seen.toString().contains("err-2"));
        await("the end of the stream when the process exits", Duration.ofSeconds(15), () -> !attached.isOpen());
        assertThat(seen.toString()).as("only output from after attaching").doesNotContain("before-attach");
        attached.close();
        assertThat(ends).hasValue(1);
    }

    @Test
    void a_stop_timeout_ends_in_a_kill() {
        // sh as PID 1 without a trap ignores SIGTERM: stop must kill it after the timeout
        ContainerRef ref = engine.create(spec("kill").command("sh", "-c", "sleep 600").build());
        engine.start(ref.name());
        long t0 = System.nanoTime();
        engine.stop(ref.name(), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
        ContainerInfo info = engine.inspect(ref.name());
        assertThat(info.state()).isEqualTo(ContainerState.EXITED);
        assertThat(info.exitCode()).isEqualTo(137);
    }

    @Test
    void cpu_use_is_measured_and_capped_by_the_limit() {
        ContainerRef ref = engine.create(spec("busy").command("sh", "-c", "trap 'exit 0' TERM; while true; do :; done").limits(0.5, 32).build());
        engine.start(ref.id());
        await("CPU use shows", Duration.ofSeconds(10), () -> engine.stats(ref.id()).cpuPercent() > 10);
        assertThat(engine.stats(ref.id()).cpuPercent()).as("capped at 0.5 CPU").isLessThan(80);
    }

    @Test
    void limits_restart_policy_and_labels_are_visible_in_inspect() {
        ContainerRef ref = engine.create(spec("limits").command(SLEEPER)
                .limits(new Limits(0.25, 48L * 1024 * 1024)).restart(RestartPolicy.onFailure(4))
                .env("GREETING", "hello world").workingDir("/tmp").build());
        ContainerInfo info = engine.inspect(ref.id());
        assertThat(info.limits().cpus()).isEqualTo(0.25);
        assertThat(info.limits().memoryBytes()).isEqualTo(48L * 1024 * 1024);
        assertThat(info.restartPolicy()).isEqualTo(RestartPolicy.onFailure(4));
        assertThat(info.ownership()).isEqualTo(new Ownership(true, "ct-limits", "project-test"));
        assertThat(info.image()).contains("gureum/busybox");
        engine.start(ref.id());
        ExecResult env = engine.exec(ref.id(), List.of("sh", "-c", "echo \"$GREETING\" in $(pwd)"), Duration.ofSeconds(10));
        assertThat(env.stdout()).isEqualTo("hello world in /tmp\n");
        ExecResult status = engine.exec(ref.id(), List.of("grep", "NoNewPrivs", "/proc/self/status"), Duration.ofSeconds(10));
        assertThat(status.stdout()).as("no-new-privileges is always set").matches("NoNewPrivs:\\s+1\\s*");
    }

    @Test
    void logs_are_split_by_stream_with_timestamps() {
        ContainerRef ref = engine.create(spec("logs").command("sh", "-c", "echo out1; echo err1 >&2; echo out2").build());
        engine.start(ref.id());
        await("container exits", Duration.ofSeconds(10), () -> engine.inspect(ref.id()).state() == ContainerState.EXITED);
        List<LogLine> lines = engine.logs(ref.id(), -1);
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDOUT).extracting(LogLine::text).containsExactly("out1", "out2");
        assertThat(lines).filteredOn(l -> l.stream() == LogLine.Stream.STDERR).extracting(LogLine::text).containsExactly("err1");
        assertThat(lines).allSatisfy(l -> assertThat(l.timestamp()).isNotNull());
        assertThat(engine.logs(ref.id(), 1)).hasSize(1);
    }

    @Test
    void followed_logs_arrive_as_they_are_written() {
        ContainerRef ref = engine.create(spec("follow")
                .command("sh", "-c", "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick-$i; echo tock-$i >&2; sleep 0.2; done")
                .build());
        engine.start(ref.id());
        List<LogLine> seen = new CopyOnWriteArrayList<>();
        try (Subscription sub = engine.followLogs(ref.id(), 0, seen::add)) {
            await("5 followed lines", Duration.ofSeconds(10), () -> seen.size() >= 5);
            assertThat(sub.isOpen()).isTrue();
        }
        assertThat(seen).anyMatch(l -> l.stream() == LogLine.Stream.STDOUT && l.text().startsWith("tick-"));
        assertThat(seen).anyMatch(l -> l.stream() == LogLine.Stream.STDERR && l.text().startsWith("tock-"));
    }

    @Test
    void an_on_failure_policy_really_restarts_the_container() {
        ContainerRef ref = engine.create(spec("onfail").command("sh", "-c", "echo run; exit 3").restart(RestartPolicy.onFailure(2)).build());
        engine.start(ref.id());
        await("two restarts then exited", Duration.ofSeconds(30), () -> {
            ContainerInfo i = engine.inspect(ref.id());
            return i.restartCount() >= 2 && i.state() == ContainerState.EXITED;
        });
        ContainerInfo info = engine.inspect(ref.id());
        assertThat(info.exitCode()).isEqualTo(3);
        assertThat(engine.logs(ref.id(), -1)).extracting(LogLine::text).containsExactly("run", "run", "run");
    }

    @Test
    void a_published_port_answers_on_loopback() throws Exception {
        ContainerRef ref = engine.create(spec("port")
                .command("sh", "-c", "mkdir -p /www && echo hello-gureum > /www/index.html && exec httpd -f -p 8080 -h /www")
                .port(PortMapping.tcpAuto(8080)).build());
        engine.start(ref.id());
        ContainerInfo info = engine.inspect(ref.id());
        assertThat(info.ports()).singleElement().satisfies(p -> {
            assertThat(p.hostIp()).isEqualTo("127.0.0.1");
            assertThat(p.containerPort()).isEqualTo(8080);
            assertThat(p.hostPort()).isPositive();
        });
        URI uri = URI.create("http://127.0.0.1:" + info.hostPort(8080, Protocol.TCP) + "/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String[] body = new String[1];
        await("httpd answers on " + uri, Duration.ofSeconds(10), () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                body[0] = r.body();
                return r.statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(body[0]).isEqualTo("hello-gureum\n");
    }

    @Test
    void health_checks_turn_a_failing_container_unhealthy_and_a_good_one_healthy() {
        List<ContainerEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription sub = engine.events(events::add)) {
            ContainerRef sick = engine.create(spec("sick").command(SLEEPER)
                    .healthCheck(HealthCheck.exec(List.of("sh", "-c", "echo nope; exit 1"), Duration.ofSeconds(3), Duration.ofSeconds(3), 2))
                    .build());
            ContainerRef well = engine.create(spec("well")
                    .command("sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www")
                    .healthCheck(HealthCheck.httpGet(8080, "/index.html", Duration.ofSeconds(1), Duration.ofSeconds(1), 2))
                    .build());
            engine.start(sick.id());
            engine.start(well.id());
            assertThat(engine.inspect(sick.id()).health().status()).isIn(HealthStatus.STARTING, HealthStatus.UNHEALTHY);

            await("sick unhealthy, well healthy", Duration.ofSeconds(20), () ->
                    engine.inspect(sick.id()).health().status() == HealthStatus.UNHEALTHY
                            && engine.inspect(well.id()).health().status() == HealthStatus.HEALTHY);
            Health health = engine.inspect(sick.id()).health();
            assertThat(health.failingStreak()).isGreaterThanOrEqualTo(2);
            assertThat(health.lastOutput()).contains("nope");
            assertThat(health.lastCheck()).isNotNull();
            await("health events", Duration.ofSeconds(5), () ->
                    events.stream().anyMatch(e -> e.type() == ContainerEvent.Type.HEALTH && e.containerId().equals(sick.id()) && e.health() == HealthStatus.UNHEALTHY)
                            && events.stream().anyMatch(e -> e.type() == ContainerEvent.Type.HEALTH && e.containerId().equals(well.id()) && e.health() == HealthStatus.HEALTHY));
            assertThat(sub.isOpen()).isTrue();
        }
    }

    @Test
    void events_arrive_typed_and_in_order() {
        List<ContainerEvent> events = new CopyOnWriteArrayList<>();
        String id;
        try (Subscription sub = engine.events(events::add)) {
            ContainerRef ref = engine.create(spec("events").command("sh", "-c", "exit 5").build());
            id = ref.id();
            engine.start(id);
            await("container exits", Duration.ofSeconds(10), () -> engine.inspect(id).state() == ContainerState.EXITED);
            engine.remove(id, false);
            await("remove event", Duration.ofSeconds(10), () -> events.stream().anyMatch(e -> e.containerId().equals(id) && e.type() == ContainerEvent.Type.REMOVE));
        }
        List<ContainerEvent> mine = events.stream().filter(e -> e.containerId().equals(id)).toList();
        assertThat(mine).extracting(ContainerEvent::type)
                .containsSubsequence(ContainerEvent.Type.CREATE, ContainerEvent.Type.START, ContainerEvent.Type.DIE, ContainerEvent.Type.REMOVE);
        assertThat(mine).filteredOn(e -> e.type() == ContainerEvent.Type.DIE).first().satisfies(e -> assertThat(e.exitCode()).isEqualTo(5));
        assertThat(mine).allSatisfy(e -> assertThat(e.ownership().resourceId()).isEqualTo("ct-events"));
    }

    @Test
    void an_out_of_memory_kill_is_reported() {
        List<ContainerEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription sub = engine.events(events::add)) {
            ContainerRef ref = engine.create(spec("oom").limits(new Limits(0.5, 8L * 1024 * 1024))
                    .command("sh", "-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived").build());
            engine.start(ref.id());
            await("container exits", Duration.ofSeconds(20), () -> engine.inspect(ref.id()).state() == ContainerState.EXITED);
            ContainerInfo info = engine.inspect(ref.id());
            assertThat(info.oomKilled() || info.exitCode() == 137).as("OOM killed: " + info).isTrue();
            await("oom or die event", Duration.ofSeconds(5), () -> events.stream().anyMatch(e -> e.containerId().equals(ref.id())
                    && (e.type() == ContainerEvent.Type.OOM || e.type() == ContainerEvent.Type.DIE)));
        }
    }

    @Test
    void named_volumes_are_made_by_the_driver_and_removed_with_the_container() {
        ContainerSpec withVolume = spec("vol").command(SLEEPER).volume("data", "/data").build();
        ContainerRef ref = engine.create(withVolume);
        engine.start(ref.id());
        assertThat(engine.exec(ref.id(), List.of("sh", "-c", "echo kept > /data/f && cat /data/f"), Duration.ofSeconds(10)).stdout()).isEqualTo("kept\n");
        engine.remove(ref.id(), true);
        // the same name again gets a fresh, empty volume: the old one was removed with its container
        ContainerRef again = engine.create(withVolume);
        engine.start(again.id());
        assertThat(engine.exec(again.id(), List.of("ls", "/data"), Duration.ofSeconds(10)).stdout()).isEmpty();
    }

    @Test
    void every_forbidden_spec_is_refused_and_nothing_is_created() {
        List<ContainerSpec> forbidden = List.of(
                spec("priv").hostAccess(HostAccess.NONE.withPrivileged()).volume("data", "/data").build(),
                spec("caps").hostAccess(HostAccess.NONE.withCapabilities("SYS_ADMIN")).volume("data", "/data").build(),
                spec("dev").hostAccess(HostAccess.NONE.withDevices("/dev/kvm")).volume("data", "/data").build(),
                spec("pidns").hostAccess(HostAccess.NONE.withNamespaces("host", null, null, null)).volume("data", "/data").build(),
                spec("netns").hostAccess(HostAccess.NONE.withNamespaces(null, "host", null, null)).volume("data", "/data").build(),
                spec("ipcns").hostAccess(HostAccess.NONE.withNamespaces(null, null, "host", null)).volume("data", "/data").build(),
                spec("utsns").hostAccess(HostAccess.NONE.withNamespaces(null, null, null, "host")).volume("data", "/data").build(),
                spec("bind").mount(new Mount.Bind("/etc", "/host-etc", true)).volume("data", "/data").build(),
                spec("sock").mount(new Mount.Bind("/run/podman/podman.sock", "/var/run/docker.sock", false)).volume("data", "/data").build(),
                spec("seccomp").hostAccess(HostAccess.NONE.withSecurityOptions("seccomp=unconfined")).volume("data", "/data").build(),
                spec("apparmor").hostAccess(HostAccess.NONE.withSecurityOptions("apparmor=unconfined")).volume("data", "/data").build());
        for (ContainerSpec s : forbidden) {
            assertThatThrownBy(() -> engine.create(s)).as(s.name()).isInstanceOf(InvalidSpecException.class)
                    .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).hasSize(1));
        }
        List<String> names = engine.list().stream().map(ContainerSummary::name).toList();
        for (ContainerSpec s : forbidden) {
            assertThat(names).as("nothing created for " + s.name()).doesNotContain(s.name());
            // its volume was not created either: the allowed spec with the same volume succeeds
            ContainerSpec allowed = s.toBuilder().hostAccess(HostAccess.NONE).build();
            allowed = new ContainerSpec(allowed.name(), allowed.image(), allowed.command(), allowed.args(), allowed.env(), allowed.workingDir(),
                    allowed.ports(), allowed.limits(), allowed.restart(), allowed.healthCheck(), allowed.labels(),
                    allowed.mounts().stream().filter(m -> m instanceof Mount.Volume).toList(), allowed.hostAccess());
            engine.create(allowed);
        }
    }

    @Test
    void containers_without_gureum_labels_are_listed_as_unmanaged() {
        ContainerRef byHand = engine.create(ContainerSpec.builder(name("byhand"), IMAGE).command(SLEEPER).limits(0.5, 32).build());
        ContainerRef ours = engine.create(spec("ours").command(SLEEPER).build());
        List<ContainerSummary> all = engine.list();
        assertThat(all).filteredOn(c -> c.id().equals(byHand.id())).singleElement()
                .satisfies(c -> assertThat(c.ownership()).isEqualTo(Ownership.UNMANAGED));
        assertThat(all).filteredOn(c -> c.id().equals(ours.id())).singleElement()
                .satisfies(c -> assertThat(c.ownership().managed()).isTrue());
    }

    @Test
    void a_duplicate_name_is_a_conflict() {
        ContainerSpec s = spec("dup").command(SLEEPER).build();
        engine.create(s);
        assertThatThrownBy(() -> engine.create(s)).isInstanceOf(ConflictException.class).hasMessageContaining(s.name());
    }

    @Test
    void a_host_port_already_in_use_is_a_conflict() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ContainerRef first = engine.create(spec("port1").command(SLEEPER).port(PortMapping.tcp(8080, port)).build());
        engine.start(first.id());
        assertThatThrownBy(() -> {
            ContainerRef second = engine.create(spec("port2").command(SLEEPER).port(PortMapping.tcp(8080, port)).build());
            engine.start(second.id());
        }).isInstanceOf(ConflictException.class);
    }

    @Test
    void missing_things_are_not_found() {
        assertThatThrownBy(() -> engine.inspect("gureum-test-never-was")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.remove("gureum-test-never-was", true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.logs("gureum-test-never-was", 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.create(ContainerSpec.builder(name("noimage"), "localhost/gureum/not-there:1").limits(1, 64).build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_rootfs_tarball_is_imported_listed_and_removed(@TempDir Path dir) throws Exception {
        Path tar = dir.resolve("rootfs.tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            byte[] hello = "hello from an imported image\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("hello.txt");
            e.setSize(hello.length);
            t.putArchiveEntry(e);
            t.write(hello);
            t.closeArchiveEntry();
        }
        String ref = "localhost/gureum/test-import:" + UUID.randomUUID().toString().substring(0, 8);
        ImageInfo image = engine.importRootfs(tar, ref);
        try {
            assertThat(image.tags()).contains(ref);
            assertThat(engine.images()).anyMatch(i -> i.tags().contains(ref));
        } finally {
            engine.removeImage(ref, true);
        }
        assertThat(engine.images()).noneMatch(i -> i.tags().contains(ref));
    }

    @Test
    void an_image_archive_is_loaded(@TempDir Path dir) throws Exception {
        String ref = "localhost/gureum/test-load:" + UUID.randomUUID().toString().substring(0, 8);
        Path archive = ImageArchives.dockerArchive(dir, ref, "hello.txt", "loaded\n");
        List<ImageInfo> loaded = engine.loadImages(archive);
        try {
            assertThat(loaded).anySatisfy(i -> assertThat(i.tags()).contains(ref));
        } finally {
            engine.removeImage(ref, true);
        }
    }

    @Test
    void a_stopped_engine_is_unavailable_within_2s(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("stopped.sock");
        try (var s = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(java.net.UnixDomainSocketAddress.of(sock)); // a socket file nobody answers on
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> io.gureum.container.engine.ContainerEngines.open(EngineEndpoint.unix(sock)))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("no engine at");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out after " + timeout + " waiting for " + what);
    }

}
