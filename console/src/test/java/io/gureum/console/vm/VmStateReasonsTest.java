package io.gureum.console.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmStateReasonsTest {

    /** Every lifecycle event detail libvirt defines (libvirt-domain.h, virDomainEvent*DetailType). */
    static final Map<String, List<String>> LIBVIRT_EVENT_DETAILS = Map.of(
            "started", List.of("booted", "migrated", "restored", "from_snapshot", "wakeup", "recreated", "unknown"),
            "suspended", List.of("paused", "migrated", "ioerror", "watchdog", "restored", "from_snapshot",
                    "api_error", "postcopy", "postcopy_failed", "unknown"),
            "resumed", List.of("unpaused", "migrated", "from_snapshot", "postcopy", "postcopy_failed", "unknown"),
            "stopped", List.of("shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from_snapshot",
                    "unknown"),
            "shutdown", List.of("finished", "guest", "host", "unknown"),
            "pm_suspended", List.of("memory", "disk", "unknown"),
            "crashed", List.of("panicked", "crashloaded", "unknown"));

    /** Every state reason libvirt defines (virDomain*Reason), under the console state it maps to. */
    static final Map<VmStatus, List<String>> LIBVIRT_STATE_REASONS = Map.of(
            VmStatus.RUNNING, List.of("unknown", "booted", "migrated", "restored", "from_snapshot", "unpaused",
                    "migration_canceled", "save_canceled", "wakeup", "crashed", "postcopy", "postcopy_failed",
                    "user"),
            VmStatus.PAUSED, List.of("unknown", "user", "migration", "save", "dump", "ioerror", "watchdog",
                    "from_snapshot", "shutting_down", "snapshot", "crashed", "starting_up", "postcopy",
                    "postcopy_failed", "api_error"),
            VmStatus.STOPPED, List.of("unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
                    "from_snapshot", "daemon"),
            VmStatus.CRASHED, List.of("unknown", "panicked"));

    @Test
    void the_reasons_an_operator_meets_most_read_as_words() {
        assertThat(VmStateReasons.inWords(VmStatus.STOPPED, "shutdown (unknown)")).isEqualTo("Shut down");
        assertThat(VmStateReasons.inWords(VmStatus.CRASHED, "crashed (panicked)"))
                .isEqualTo("Crashed: the guest kernel panicked");
        assertThat(VmStateReasons.inWords(VmStatus.PAUSED, "paused (user)")).isEqualTo("Paused by a user");
        assertThat(VmStateReasons.inWords(VmStatus.PAUSED, "suspended (paused)")).isEqualTo("Paused by a user");
        assertThat(VmStateReasons.inWords(VmStatus.STOPPED, "stopped (destroyed)")).isEqualTo("Forced off");
        assertThat(VmStateReasons.inWords(VmStatus.RUNNING, "started (booted)")).isEqualTo("Started");
        assertThat(VmStateReasons.inWords(VmStatus.STOPPED, "destroyed")).isEqualTo("Forced off");
        assertThat(VmStateReasons.inWords(VmStatus.PAUSED, "user")).isEqualTo("Paused by a user");
    }

    @Test
    void every_event_detail_libvirt_has_is_said_in_words() {
        LIBVIRT_EVENT_DETAILS.forEach((event, details) -> details.forEach(detail -> {
            String words = VmStateReasons.inWords(VmStatus.UNKNOWN, event + " (" + detail + ")");
            assertThat(words).as(event + " (" + detail + ")").isEqualTo(VmStateReasons.EVENTS.get(event).get(detail));
            assertReadable(words);
        }));
    }

    @Test
    void every_state_reason_libvirt_has_is_said_in_words_for_its_state() {
        LIBVIRT_STATE_REASONS.forEach((state, reasons) -> reasons.forEach(reason -> {
            String words = VmStateReasons.inWords(state, reason);
            assertThat(words).as(state + " " + reason).isEqualTo(VmStateReasons.LISTED.get(state).get(reason));
            assertReadable(words);
        }));
    }

    @Test
    void an_event_stored_without_its_detail_reads_as_its_kind() {
        assertThat(VmStateReasons.inWords(VmStatus.RUNNING, "started")).isEqualTo("Started");
        assertThat(VmStateReasons.inWords(VmStatus.PAUSED, "suspended")).isEqualTo("Paused");
        assertThat(VmStateReasons.inWords(VmStatus.STOPPED, "stopped")).isEqualTo("Stopped");
    }

    @Test
    void a_detail_newer_than_the_console_is_still_said_with_its_event() {
        assertThat(VmStateReasons.inWords(VmStatus.STOPPED, "stopped (teleported)"))
                .isEqualTo("Stopped (libvirt says: teleported)");
    }

    @Test
    void reasons_the_console_wrote_itself_are_shown_as_they_are() {
        assertThat(VmStateReasons.inWords(VmStatus.UNKNOWN, "host rack1 does not answer"))
                .isEqualTo("host rack1 does not answer");
        assertThat(VmStateReasons.inWords(VmStatus.RUNNING, "adopted (booted)"))
                .isEqualTo("Adopted into the console; running since it booted");
        assertThat(VmStateReasons.inWords(VmStatus.RUNNING, null)).isNull();
        assertThat(VmStateReasons.inWords(VmStatus.RUNNING, " ")).isNull();
    }

    private static void assertReadable(String words) {
        assertThat(words).isNotBlank().doesNotContain("_").doesNotContain("(").doesNotContain("unknown");
        assertThat(Character.isUpperCase(words.charAt(0))).as(words).isTrue();
    }
}
