package io.gureum.console.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU % computation, the sample ring and the sparkline's points; no Spring. */
class VmStatsMathTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static VmResourceStats sample(long cpuNanos, long memMib, long millisAfter) {
        return new VmResourceStats(cpuNanos, memMib, 512, 0, 0, 0, 0, T0.plusMillis(millisAfter));
    }

    @Test
    void cpu_percent_is_cpu_time_over_wall_time_over_vcpus() {
        // 1 s of CPU time in 2 s of wall time: 50 % of one vCPU, 25 % of two.
        assertThat(VmResourceStats.cpuPercent(sample(0, 1, 0), sample(1_000_000_000L, 1, 2000), 1))
                .isCloseTo(50.0, within(1e-9));
        assertThat(VmResourceStats.cpuPercent(sample(0, 1, 0), sample(1_000_000_000L, 1, 2000), 2))
                .isCloseTo(25.0, within(1e-9));
        assertThat(VmResourceStats.cpuPercent(sample(5, 1, 0), sample(5, 1, 2000), 1)).isZero();
    }

    @Test
    void cpu_percent_is_capped_and_unknown_when_it_cannot_be_told() {
        assertThat(VmResourceStats.cpuPercent(sample(0, 1, 0), sample(9_000_000_000L, 1, 1000), 1)).isEqualTo(100.0);
        assertThat(VmResourceStats.cpuPercent(sample(0, 1, 1000), sample(10, 1, 1000), 1)).isNull(); // no time passed
        assertThat(VmResourceStats.cpuPercent(sample(500, 1, 0), sample(10, 1, 1000), 1)).isNull(); // restarted
        assertThat(VmResourceStats.cpuPercent(null, sample(10, 1, 1000), 1)).isNull();
        assertThat(VmResourceStats.cpuPercent(sample(0, 1, 0), sample(10, 1, 1000), 0)).isNull();
    }

    @Test
    void the_history_keeps_the_last_sixty_samples_and_one_cpu_value_per_pair() {
        VmStatsHistory history = new VmStatsHistory();
        for (int i = 0; i < 100; i++) {
            history.add(sample(i * 500_000_000L, 100 + i, i * 2000L), 1);
        }
        assertThat(history.size()).isEqualTo(VmStatsHistory.CAPACITY);
        assertThat(history.cpuPercents()).hasSize(VmStatsHistory.CAPACITY)
                .allSatisfy(p -> assertThat(p).isCloseTo(25.0, within(1e-9)));
        assertThat(history.memoryMib()).first().isEqualTo(140.0);
        assertThat(history.latest().memoryUsedMib()).isEqualTo(199);

        history.add(sample(0, 1, 2000), 1); // not newer: ignored
        assertThat(history.latest().memoryUsedMib()).isEqualTo(199);
        history.clear();
        assertThat(history.size()).isZero();
        assertThat(history.cpuPercents()).isEmpty();
    }

    @Test
    void the_sparkline_draws_newest_at_the_right_scaled_to_the_maximum() {
        assertThat(Sparkline.points(List.of(), 100)).isEmpty();
        String points = Sparkline.points(List.of(0.0, 100.0), 100);
        String[] pairs = points.split(" ");
        assertThat(pairs).hasSize(2);
        assertThat(pairs[1]).isEqualTo(Sparkline.WIDTH + ".0,1.0");
        assertThat(pairs[0]).endsWith("," + (Sparkline.HEIGHT - 1) + ".0");

        Sparkline chart = new Sparkline("cpu", "red");
        chart.setValues(List.of(10.0, 20.0, 30.0), 100);
        assertThat(chart.getElement().getProperty("innerHTML")).contains("<polyline").contains(chart.points());
    }

    @Test
    void a_state_change_reads_time_from_to_and_reason_and_only_twenty_are_kept() {
        VmStateLog log = new VmStateLog(java.time.Clock.systemUTC());
        java.util.UUID vm = java.util.UUID.randomUUID();
        for (int i = 0; i < 25; i++) {
            log.stateChanged(new VmEvents.VmStateChanged(vm, 1L, VmStatus.RUNNING, VmStatus.STOPPED, "n" + i));
        }
        assertThat(log.of(vm)).hasSize(VmStateLog.KEPT).first().extracting(VmStateLog.Change::reason).isEqualTo("n24");
        assertThat(VmDetailView.change(new VmStateLog.Change(T0, VmStatus.RUNNING, VmStatus.STOPPED, "stopped (destroyed)")))
                .isEqualTo("2026-01-01T00:00:00Z: running → stopped (stopped (destroyed))");
    }
}
