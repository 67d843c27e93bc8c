package io.gureum.container.bench;

import io.gureum.container.ContainerEngine;
import io.gureum.container.ContainerSpec;
import io.gureum.container.EngineEndpoint;
import io.gureum.container.engine.ContainerEngines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Create+start latency: the driver vs the same two raw docker-java calls vs {@code podman run -d},
 * measured in the same run, interleaved round by round so that machine noise hits all three alike.
 * Run with {@code mvn -B -q -pl container-driver -Pbenchmark verify} (not a test).
 */
public final class CreateStartBenchmark {
    private static final String IMAGE = "localhost/gureum/busybox:latest";
    /** Unique per run: other runs may share the engine. */
    private static final String PREFIX = "gureum-bench-" + ProcessHandle.current().pid() + "-";
    private static final List<String> COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait");

    public static void main(String[] args) throws Exception {
        String endpoint = System.getenv().getOrDefault("GUREUM_CONTAINER_ENDPOINT", "unix:///run/podman/podman.sock");
        int rounds = Integer.getInteger("bench.rounds", 15);
        int warmup = Integer.getInteger("bench.warmup", 3);
        boolean podmanCli = endpoint.contains("podman") && Boolean.parseBoolean(System.getProperty("bench.podmanCli", "true"));

        try (ContainerEngine engine = ContainerEngines.open(EngineEndpoint.of(endpoint));
             RawDockerCreateStart raw = new RawDockerCreateStart(endpoint)) {
            System.out.println("engine: " + engine.info());
            List<Long> driver = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            List<Long> cli = new ArrayList<>();
            for (int i = 0; i < warmup + rounds; i++) {
                boolean keep = i >= warmup;
                long d = timeDriver(engine, PREFIX + "driver-" + i);
                long r = timeRaw(raw, PREFIX + "raw-" + i);
                long c = podmanCli ? timePodmanRun(PREFIX + "cli-" + i) : -1;
                if (keep) {
                    driver.add(d);
                    direct.add(r);
                    if (c >= 0) {
                        cli.add(c);
                    }
                }
                for (String n : List.of(PREFIX + "driver-" + i, PREFIX + "raw-" + i, PREFIX + "cli-" + i)) {
                    try {
                        engine.remove(n, true);
                    } catch (RuntimeException ignored) {
                        // not made in this round
                    }
                }
            }
            double md = median(driver);
            double mr = median(direct);
            System.out.printf("create+start, median of %d rounds (after %d warm-up):%n", rounds, warmup);
            System.out.printf("  driver (ContainerEngine.create + start): %7.1f ms   all: %s%n", md, ms(driver));
            System.out.printf("  raw docker-java (createContainer+start): %7.1f ms   all: %s%n", mr, ms(direct));
            if (!cli.isEmpty()) {
                double mc = median(cli);
                System.out.printf("  podman run -d (CLI process):            %7.1f ms   all: %s%n", mc, ms(cli));
                System.out.printf("  ratio driver/podman-run = %.3f%n", md / mc);
            }
            System.out.printf("  ratio driver/raw = %.3f (target <= 1.05)%n", md / mr);
        }
    }

    private static long timeDriver(ContainerEngine engine, String name) {
        ContainerSpec spec = ContainerSpec.builder(name, IMAGE).command(COMMAND.toArray(String[]::new))
                .limits(0.5, 64).labels("bench", "bench").build();
        long t0 = System.nanoTime();
        engine.create(spec);
        engine.start(name);
        return System.nanoTime() - t0;
    }

    /** The same container the driver makes (limits, labels, security option), with plain docker-java calls. */
    private static long timeRaw(RawDockerCreateStart docker, String name) {
        return docker.createAndStart(name, IMAGE, COMMAND, 0.5, 64,
                Map.of("io.gureum.managed", "true", "io.gureum.resource-id", "bench", "io.gureum.project-id", "bench"));
    }

    private static long timePodmanRun(String name) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("podman", "run", "-d", "--name", name, "--cpus", "0.5", "--memory", "64m",
                "--security-opt", "no-new-privileges", "--label", "io.gureum.managed=true",
                "--entrypoint", "sh", IMAGE, "-c", COMMAND.get(2))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        long t = System.nanoTime() - t0;
        if (exit != 0) {
            throw new IllegalStateException("podman run failed with exit " + exit);
        }
        return t;
    }

    private static double median(List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double mid = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return mid / 1e6;
    }

    private static String ms(List<Long> nanos) {
        return Arrays.toString(nanos.stream().mapToLong(n -> Math.round(n / 1e6)).toArray());
    }

    private CreateStartBenchmark() {
    }
}
