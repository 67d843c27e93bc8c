package io.gureum.console.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@link #CAPACITY} samples of one VM, as a page keeps them between polls; not thread-safe. */
final class VmStatsHistory {

    static final int CAPACITY = 60;

    private final Deque<VmResourceStats> samples = new ArrayDeque<>();
    private final Deque<Double> cpuPercents = new ArrayDeque<>();
    private final Deque<java.time.Instant> cpuTimes = new ArrayDeque<>();

    /** Adds a sample (ignored if not newer than the last); the oldest falls out past the capacity. */
    void add(VmResourceStats sample, int vcpus) {
        VmResourceStats last = samples.peekLast();
        if (last != null && !sample.sampledAt().isAfter(last.sampledAt())) {
            return;
        }
        if (last != null) {
            Double percent = VmResourceStats.cpuPercent(last, sample, vcpus);
            if (percent != null) {
                cpuPercents.addLast(percent);
                cpuTimes.addLast(sample.sampledAt());
            }
        }
        samples.addLast(sample);
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
        while (cpuPercents.size() > CAPACITY) {
            cpuPercents.removeFirst();
            cpuTimes.removeFirst();
        }
    }

    void clear() {
        samples.clear();
        cpuPercents.clear();
        cpuTimes.clear();
    }

    VmResourceStats latest() {
        return samples.peekLast();
    }

    List<Double> cpuPercents() {
        return new ArrayList<>(cpuPercents);
    }

    List<Double> memoryMib() {
        return samples.stream().map(s -> (double) s.memoryUsedMib()).toList();
    }

    /** CPU % with the time of the sample that closed each interval, oldest first. */
    List<Sparkline.Point> cpuPoints() {
        List<Double> values = cpuPercents();
        List<java.time.Instant> times = new ArrayList<>(cpuTimes);
        List<Sparkline.Point> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            points.add(new Sparkline.Point(times.get(i), values.get(i)));
        }
        return points;
    }

    /** Memory in use (MiB) with the time of each sample, oldest first. */
    List<Sparkline.Point> memoryPoints() {
        return samples.stream().map(s -> new Sparkline.Point(s.sampledAt(), s.memoryUsedMib())).toList();
    }

    int size() {
        return samples.size();
    }
}
