package io.gureum.console.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's real daemons, for the fault tests: kill libvirtd and start it again the way
 * {@code src/host/setup.sh} does ({@code src/host/daemons.sh}), stop and continue the Podman API service.
 * Needs root and running daemons; skips (fails under CI) without them. Callers restore in a finally block.
 */
public final class HostDaemons {

    /** The module's tests run with console/ as working directory. */
    private static final Path DAEMONS_SCRIPT = Path.of(System.getProperty("gureum.daemons.script",
            "../src/host/daemons.sh"));
    private static final Path PODMAN_PID_FILE = Path.of("/run/gureum/podman-service.pid");
    private static final Path POSTGRES_SCRIPT = Path.of(System.getProperty("gureum.postgres.script",
            "../src/host/postgres.sh"));

    private HostDaemons() {
    }

    /** Skips (fails under CI) unless this test may kill and restart the host's daemons. */
    public static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            Requires.missing("fault tests kill and restart libvirtd and the Podman service: run as root "
                    + "(sudo src/run-tests.sh)");
        }
        if (!Files.isExecutable(DAEMONS_SCRIPT)) {
            Requires.missing("no " + DAEMONS_SCRIPT.toAbsolutePath().normalize());
        }
    }

    /** The pid of the running libvirtd; skips (fails under CI) when there is none. */
    public static long libvirtdPid() {
        requireRoot();
        // Only this mount namespace's libvirtd: src/host/second-host.sh runs a second one in its own.
        String out = run(Duration.ofSeconds(10), "pgrep", "--ns", Long.toString(ProcessHandle.current().pid()),
                "--nslist", "mnt", "-x", "libvirtd").strip();
        if (out.isEmpty() || out.contains("\n")) {
            Requires.missing("expected exactly one libvirtd process, found '" + out + "': run src/host/setup.sh");
        }
        return Long.parseLong(out);
    }

    /** {@code kill -9} libvirtd and waits until the process is gone. */
    public static void killLibvirtd() {
        long pid = libvirtdPid();
        run(Duration.ofSeconds(10), "kill", "-9", Long.toString(pid));
        waitUntilGone(pid);
    }

    /** Starts libvirtd again as the host setup does, and waits until qemu:///system answers. */
    public static void startLibvirtd() {
        run(Duration.ofSeconds(40), DAEMONS_SCRIPT.toString(), "libvirt");
    }

    /** The pid of the Podman API service that setup.sh started; skips (fails under CI) when there is none. */
    public static long podmanServicePid() {
        requireRoot();
        try {
            long pid = Long.parseLong(Files.readString(PODMAN_PID_FILE).strip());
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
            if (comm.equals("podman")) {
                return pid;
            }
        } catch (IOException | NumberFormatException e) {
            // not started by setup.sh: fall through
        }
        Requires.missing("no Podman API service started by src/host/setup.sh (" + PODMAN_PID_FILE + ")");
        throw new IllegalStateException("unreachable");
    }

    /** {@code kill -STOP}: the service keeps its socket, so connections are accepted and never answered. */
    public static void stop(long pid) {
        run(Duration.ofSeconds(10), "kill", "-STOP", Long.toString(pid));
    }

    /** {@code kill -CONT}. */
    public static void resume(long pid) {
        run(Duration.ofSeconds(10), "kill", "-CONT", Long.toString(pid));
    }

    /** Stops the tests' PostgreSQL as {@code src/host/postgres.sh stop} does (open sessions are ended at once). */
    public static void stopPostgres() {
        requireRoot();
        if (!Files.isExecutable(POSTGRES_SCRIPT)) {
            Requires.missing("no " + POSTGRES_SCRIPT.toAbsolutePath().normalize());
        }
        run(Duration.ofSeconds(30), POSTGRES_SCRIPT.toString(), "stop");
    }

    /** Starts it again and waits until it answers ({@code src/host/postgres.sh start}). */
    public static void startPostgres() {
        run(Duration.ofSeconds(40), POSTGRES_SCRIPT.toString(), "start");
    }

    /** Waits until a killed process is gone (libvirtd's children exit with it). */
    public static void waitUntilGone(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + pid + " still alive 10 s after kill -9");
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs a command; its output, or IllegalStateException with the output when it fails (pgrep's 1 is no match). */
    static String run(Duration timeout, String... command) {
        Path output = null;
        try {
            // To a file, not a pipe: a daemon started by the command may keep the pipe open for ever.
            output = Files.createTempFile("gureum-daemon", ".out");
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            boolean noMatch = command[0].equals("pgrep") && process.exitValue() == 1;
            if (process.exitValue() != 0 && !noMatch) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
