package io.gureum.console.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What every benchmark shares: medians and percentiles of nanosecond samples, and a report that goes to
 * stdout and to {@code target/benchmarks/results.md} (with the machine it ran on), from which
 * {@code docs/performance.md} is written. Benchmarks print figures; they never fail on a time.
 */
public final class Bench {

    public static final Path RESULTS = Path.of("target", "benchmarks", "results.md");

    private Bench() {
    }

    /** The median of nanosecond samples, in milliseconds. */
    public static double medianMs(List<Long> nanos) {
        return percentileMs(nanos, 50);
    }

    /** The p-th percentile (nearest rank) of nanosecond samples, in milliseconds. */
    public static double percentileMs(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0 / 1e6;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** Every sample in whole milliseconds, for the report. */
    public static String allMs(List<Long> nanos) {
        return nanos.stream().map(n -> String.format(Locale.ROOT, "%.1f", n / 1e6)).toList().toString();
    }

    /** Prints a section of the report and appends it to the results file. */
    public static void report(String title, String... lines) {
        StringBuilder text = new StringBuilder("\n## ").append(title).append("\n\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        System.out.print(text);
        System.out.flush();
        try {
            Files.createDirectories(RESULTS.getParent());
            if (!Files.exists(RESULTS)) {
                Files.writeString(RESULTS, "# Gureum benchmark results\n\n" + machine() + "\n");
            }
            Files.writeString(RESULTS, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A printf-style line for {@link #report}. */
    public static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The 1-minute load average, printed with each figure: these 2 CPUs are shared. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The machine: CPUs, memory, OS, JVM, and when. */
    public static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long totalMemory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return line("- run at %s%n- %d CPUs (%s), %.1f GiB memory%n- %s %s, Java %s (%s), max heap %d MiB%n",
                Instant.now(), os.getAvailableProcessors(), cpuModel(), totalMemory / 1073741824.0,
                os.getName(), os.getVersion(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
