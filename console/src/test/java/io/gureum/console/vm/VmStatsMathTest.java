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

        Sparkline chart = new Sparkline("cpu", "red", v -> String.format(java.util.Locale.ROOT, "%.1f %%", v));
        java.time.Instant t0 = java.time.Instant.parse("2026-11-28T05:00:00Z");
        chart.setPoints(List.of(new Sparkline.Point(t0, 10), new Sparkline.Point(t0.plusSeconds(2), 20),
                new Sparkline.Point(t0.plusSeconds(4), 30)), 100);
        String svg = chart.getChildren().map(c -> c.getElement().getProperty("innerHTML")).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(svg).contains("<polyline").contains(chart.points());
    }

    @Test
    void the_sparkline_shows_its_scale_its_current_value_and_each_points_value_and_time_on_hover() {
        Sparkline chart = new Sparkline("memory", "green", v -> Math.round(v) + " MiB");
        java.time.Instant t0 = java.time.Instant.parse("2026-11-28T05:00:00Z");
        chart.setPoints(List.of(new Sparkline.Point(t0, 80), new Sparkline.Point(t0.plusSeconds(2), 85)), 256);

        assertThat(chart.scaleTop()).isEqualTo("256 MiB");
        assertThat(chart.current.getText()).isEqualTo("now 85 MiB");
        String svg = chart.getChildren().map(c -> c.getElement().getProperty("innerHTML")).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertThat(svg).contains("<title>80 MiB at " + io.gureum.console.ui.Formats.time(t0) + "</title>")
                .contains("<title>85 MiB at " + io.gureum.console.ui.Formats.time(t0.plusSeconds(2)) + "</title>");

        // A value above the stated maximum raises the scale rather than leaving the chart.
        chart.setPoints(List.of(new Sparkline.Point(t0, 300)), 256);
        assertThat(chart.scaleTop()).isEqualTo("300 MiB");

        chart.setPoints(List.of(), 256);
        assertThat(chart.current.getText()).isEqualTo("no figures yet");
    }

    @Test
    void a_vm_without_a_screen_says_why_instead_of_showing_a_picture() {
        assertThat(VmDetailView.noScreen(VmStatus.STOPPED)).isEqualTo("The VM is stopped: no screen.");
        assertThat(VmDetailView.noScreen(VmStatus.RUNNING)).isNull();
        assertThat(VmDetailView.noScreen(VmStatus.PAUSED)).isNull();
        for (VmStatus state : VmStatus.values()) {
            if (state != VmStatus.RUNNING && state != VmStatus.PAUSED) {
                assertThat(VmDetailView.noScreen(state)).as(state.name()).endsWith("no screen.").isNotNull();
            }
        }
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
                .isEqualTo(io.gureum.console.ui.Formats.time(T0) + ": running → stopped: Forced off");
    }
}
