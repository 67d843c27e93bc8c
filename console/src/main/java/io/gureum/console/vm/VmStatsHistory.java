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
            }
        }
        samples.addLast(sample);
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
        while (cpuPercents.size() > CAPACITY) {
            cpuPercents.removeFirst();
        }
    }

    void clear() {
        samples.clear();
        cpuPercents.clear();
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

    int size() {
        return samples.size();
    }
}
