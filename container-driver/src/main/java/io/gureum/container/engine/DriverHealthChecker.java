package io.gureum.container.engine;

import io.gureum.container.ContainerEvent;
import io.gureum.container.EngineException;
import io.gureum.container.ExecResult;
import io.gureum.container.Health;
import io.gureum.container.HealthCheck;
import io.gureum.container.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs health checks that the engine does not run (Podman without systemd timers; HTTP probes on
 * any engine). Once a second it lists running containers carrying a health label, runs each
 * check that is due on a virtual thread, counts consecutive failures against the retries and
 * publishes a HEALTH event when the status changes. Docker semantics: failures inside the
 * start period do not count; a container seen again after a stop starts over as STARTING.
 */
final class DriverHealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DriverHealthChecker.class);
    private static final int MAX_OUTPUT = 4096;

    /** What the checker needs from the engine. */
    interface Target {
        /** Running containers with a health label the driver must run: id, name and check. */
        List<Checked> runningWithDriverChecks();

        ExecResult exec(String id, List<String> command, Duration timeout);

        /** Address to reach a container port from this host: the container IP, or a published port on loopback. */
        URI httpAddress(String id, int containerPort);
    }

    record Checked(String id, String name, HealthCheck check, Map<String, String> labels) {
    }

    private static final class State {
        final Checked container;
        final Instant firstSeen;
        volatile Instant nextDue;
        volatile boolean inFlight;
        volatile Health health;

        State(Checked container, Instant now) {
            this.container = container;
            this.firstSeen = now;
            this.nextDue = now; // first check at once; the start period only forgives failures
            this.health = new Health(HealthStatus.STARTING, 0, null, null, Health.Source.DRIVER);
        }
    }

    private final Target target;
    private final Consumer<ContainerEvent> publisher;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    DriverHealthChecker(Target target, Consumer<ContainerEvent> publisher, Clock clock, String name) {
        this.target = target;
        this.publisher = publisher;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gureum-health-" + name);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    /** The driver's view of a container's health, or null if the driver does not check it. */
    Health healthOf(String id) {
        State s = states.get(id);
        return s == null ? null : s.health;
    }

    void tick() {
        List<Checked> running;
        try {
            running = target.runningWithDriverChecks();
        } catch (EngineException e) {
            log.debug("health checker: cannot list containers: {}", e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn("health checker: listing failed", e);
            return;
        }
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (Checked c : running) {
            seen.add(c.id());
            State s = states.computeIfAbsent(c.id(), id -> new State(c, now));
            if (!s.inFlight && !now.isBefore(s.nextDue)) {
                s.inFlight = true;
                probes.execute(() -> runCheck(s));
            }
        }
        states.keySet().removeIf(id -> !seen.contains(id));
    }

    private void runCheck(State s) {
        HealthCheck check = s.container.check();
        boolean ok;
        String output;
        try {
            if (check.probe() instanceof HealthCheck.Exec exec) {
                ExecResult r = target.exec(s.container.id(), exec.command(), check.timeout());
                ok = r.exitCode() == 0;
                output = (r.stdout() + r.stderr()).strip();
                if (r.exitCode() < 0) {
                    output = output + " [timed out after " + check.timeout().toMillis() + " ms]";
                }
            } else {
                HealthCheck.HttpGet get = (HealthCheck.HttpGet) check.probe();
                URI uri = target.httpAddress(s.container.id(), get.port()).resolve(get.path());
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri).timeout(check.timeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                ok = resp.statusCode() >= 200 && resp.statusCode() < 400;
                output = "GET " + uri + " -> " + resp.statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.inFlight = false;
            return;
        } catch (Exception e) {
            ok = false;
            output = "check failed: " + e.getMessage();
        }
        record(s, ok, output);
    }

    private void record(State s, boolean ok, String output) {
        Instant now = clock.instant();
        HealthCheck check = s.container.check();
        Health before = s.health;
        boolean inStartPeriod = now.isBefore(s.firstSeen.plus(check.startPeriod()));
        int streak = ok ? 0 : (inStartPeriod ? before.failingStreak() : before.failingStreak() + 1);
        HealthStatus status;
        if (ok) {
            status = HealthStatus.HEALTHY;
        } else if (streak >= check.retries()) {
            status = HealthStatus.UNHEALTHY;
        } else {
            status = before.status();
        }
        String out = output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output;
        s.health = new Health(status, streak, out, now, Health.Source.DRIVER);
        s.nextDue = now.plus(check.interval());
        s.inFlight = false;
        if (status != before.status() && states.get(s.container.id()) == s) {
            Map<String, String> attrs = s.container.labels();
            publisher.accept(new ContainerEvent(ContainerEvent.Type.HEALTH, s.container.id(), s.container.name(), now,
                    "health_status: " + status.name().toLowerCase(java.util.Locale.ROOT), null, status, attrs));
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        probes.shutdownNow();
        http.shutdownNow();
    }
}
