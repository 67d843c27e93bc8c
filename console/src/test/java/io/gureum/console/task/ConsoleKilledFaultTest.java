package io.gureum.console.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.HostDaemons;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerSummary;
import io.gureum.container.GureumLabels;
import io.gureum.container.engine.ContainerEngines;
import io.gureum.hypervisor.GureumMetadata;
import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.VmInfo;
import io.gureum.hypervisor.libvirt.LibvirtHypervisor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A fault tried for real: the console itself is killed with {@code kill -9} while it provisions a VM (real QEMU)
 * and a container (real Podman), and started again on the same H2 file database. The console runs as its own
 * processes here (the test's classpath, a database in a temporary directory, a free port); the test reads the
 * database file once the restarted console has stopped, and the hosts through the drivers.
 */
@Tag("fault")
class ConsoleKilledFaultTest {

    static final String ADMIN_PASSWORD = "Nimbostratus-9-Altocumulus";
    static final Pattern SUBMITTED = Pattern.compile(ProvisioningConsole.SUBMITTED
            + " project=(\\d+) vm=(\\S+) container=(\\S+)");
    static final Pattern PROGRESS = Pattern.compile(ProvisioningConsole.PROGRESS + " vm=(\\d+) container=(\\d+)");

    final List<Process> started = new ArrayList<>();
    Path dataDir;
    String vmId;
    String containerId;

    @AfterEach
    void nothingOutlivesTheTest() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        if (vmId != null) {
            // Whatever the test's console made and the test did not see removed (a failure half-way).
            try (Hypervisor libvirt = LibvirtHypervisor.open("qemu:///system");
                 ContainerEngine podman = ContainerEngines.open("unix:///run/podman/podman.sock")) {
                domainOf(libvirt, vmId).ifPresent(d -> removeQuietly(() -> {
                    if (d.state().isActive()) {
                        libvirt.forceOff(d.id());
                    }
                    libvirt.undefine(d.id());
                }));
                containerOf(podman, containerId).ifPresent(c -> removeQuietly(() -> podman.remove(c.id(), true)));
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void a_console_killed_mid_provision_fails_its_tasks_at_the_next_start_and_leaves_nothing_half_made()
            throws Exception {
        HostDaemons.libvirtdPid();
        HostDaemons.podmanServicePid();
        if (!Files.isRegularFile(Path.of("/var/lib/gureum/images/tiny-linux/vmlinuz"))) {
            Requires.missing("the tiny test guest is not built: run src/host/build-test-images.sh");
        }
        dataDir = Files.createTempDirectory("gureum-killed-console");

        // 1. A console provisions, and is killed while it does.
        long t0 = System.nanoTime();
        Child first = start(ProvisioningConsole.class.getName(), "first");
        Matcher submitted = first.await(SUBMITTED, Duration.ofMinutes(4));
        long firstStart = System.nanoTime() - t0;
        vmId = submitted.group(2);
        containerId = submitted.group(3);
        Matcher killedAt = first.await(PROGRESS, m -> Integer.parseInt(m.group(1)) >= 30, Duration.ofSeconds(60));
        first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful end
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // 2. Started again on the same database: it recovers before it takes requests.
        long t1 = System.nanoTime();
        Child second = start("io.gureum.console.GureumConsoleApplication", "second");
        second.awaitReady(Duration.ofMinutes(4));
        long secondStart = System.nanoTime() - t1;
        second.process.destroy(); // SIGTERM: a graceful stop, so that the database file can be read
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("restarted console stops").isTrue();

        // 3. The database: nothing RUNNING, the interrupted creates ended FAILED and their resources ERROR.
        String vmState;
        String containerState;
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("gureum"), "gureum", "");
             Statement sql = db.createStatement()) {
            assertThat(count(sql, "select count(*) from task where state in ('QUEUED', 'RUNNING')")).isZero();
            assertThat(count(sql, "select count(*) from project where name = 'faults'")).isEqualTo(1);
            vmState = string(sql, "select state from virtual_machine where id = '" + vmId + "'");
            containerState = string(sql, "select state from container where id = '" + containerId + "'");
            String vmTask = string(sql, "select state from task where target_id = '" + vmId + "'");
            String containerTask = string(sql, "select state from task where target_id = '" + containerId + "'");
            assertThat(vmTask).isIn("SUCCEEDED", "FAILED");
            assertThat(containerTask).isIn("SUCCEEDED", "FAILED");
            assertThat(vmState).isEqualTo(vmTask.equals("FAILED") ? "ERROR" : "RUNNING");
            assertThat(containerState).isEqualTo(containerTask.equals("FAILED") ? "ERROR" : "RUNNING");
            System.out.printf("[fault] console killed at VM task %s %%, container task %s %%; after the restart: "
                    + "VM task %s (row %s), container task %s (row %s); first start %d s, restart to ready %d s%n",
                    killedAt.group(1), killedAt.group(2), vmTask, vmState, containerTask, containerState,
                    firstStart / 1_000_000_000, secondStart / 1_000_000_000);
            // Quota usage is counted from the rows that are not ERROR or DELETED: those must live on the host.
            assertThat(count(sql, "select count(*) from audit_entry where action like 'vm.create%'")).isPositive();
        }

        // 4. The hosts: what a failed create made is gone, what succeeded lives (removed after the test).
        try (Hypervisor libvirt = LibvirtHypervisor.open("qemu:///system");
             ContainerEngine podman = ContainerEngines.open("unix:///run/podman/podman.sock")) {
            assertThat(domainOf(libvirt, vmId).isPresent()).as("domain of VM " + vmId + " (row " + vmState
                    + ") on the host").isEqualTo(vmState.equals("RUNNING"));
            assertThat(containerOf(podman, containerId).isPresent()).as("container " + containerId + " (row "
                    + containerState + ") on the engine").isEqualTo(containerState.equals("RUNNING"));
            if (vmState.equals("ERROR")) {
                assertThat(libvirt.listVolumes("gureum")).noneMatch(v -> v.ref().volume()
                        .startsWith("g-" + vmId.substring(0, 8) + "-"));
            }
        }
    }

    private static Optional<VmInfo> domainOf(Hypervisor libvirt, String resourceId) {
        return libvirt.listAll().stream().filter(d -> d.metadata().map(GureumMetadata::resourceId)
                .filter(resourceId::equals).isPresent()).findFirst();
    }

    private static Optional<ContainerSummary> containerOf(ContainerEngine podman, String resourceId) {
        return podman.list().stream().filter(c -> c.labels() != null
                && resourceId.equals(c.labels().get(GureumLabels.RESOURCE_ID))).findFirst();
    }

    private static void removeQuietly(Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException gone) {
            // removed meanwhile
        }
    }

    /** A console process on the test's classpath, with its own data directory, admin password and port. */
    private Child start(String mainClass, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", classpath, mainClass,
                "--server.port=" + port, "--server.address=127.0.0.1")
                .redirectErrorStream(true);
        builder.environment().put("GUREUM_DATA_DIR", dataDir.toString());
        builder.environment().put("GUREUM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Plain HTTP on its random port, and no redirect connector on 8080 (two children run at once).
        builder.environment().put("GUREUM_TLS_ENABLED", "false");
        Process process = builder.start();
        started.add(process);
        return new Child(process, port, dataDir.resolve(name + ".log"));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getString(1);
        }
    }

    /** A started console: its output lines, kept in a log file too for when something fails. */
    static final class Child {
        final Process process;
        final int port;
        final Path log;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
            Thread.ofPlatform().daemon().name("console-output-" + process.pid()).start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    }
                } catch (IOException streamClosedByKill) {
                    // the process is gone: nothing more to read
                }
            });
        }

        Matcher await(Pattern pattern, Duration timeout) throws InterruptedException, IOException {
            return await(pattern, m -> true, timeout);
        }

        Matcher await(Pattern pattern, java.util.function.Predicate<Matcher> until, Duration timeout)
                throws InterruptedException, IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Matcher last = null;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        last = m;
                        if (until.test(m)) {
                            return m;
                        }
                    }
                } else if (!process.isAlive()) {
                    break;
                }
            }
            if (last != null && pattern == PROGRESS) {
                return last; // the task finished before reaching that step: a kill after it is fine too
            }
            throw new AssertionError("console did not print " + pattern + " within " + timeout + "; its output: "
                    + tail());
        }

        void awaitReady(Duration timeout) throws InterruptedException, IOException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new AssertionError("restarted console not ready within " + timeout + "; its output: " + tail());
        }

        String tail() throws IOException {
            if (!Files.exists(log)) {
                return "(none)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        }
    }
}
