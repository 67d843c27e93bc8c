package io.gureum.console.vm;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt's reason for a VM's state, said in words. The console stores the reason as libvirt gave it: from a
 * lifecycle event as "event (detail)", e.g. "shutdown (unknown)" or "crashed (panicked)", and from a listing
 * (virDomainGetState) as the bare reason, e.g. "user", read together with the state. Reasons the console wrote
 * itself are words already and are shown as they are.
 */
final class VmStateReasons {

    /** Lifecycle event kinds and their details (virDomainEventType and its virDomainEvent*DetailType). */
    static final Map<String, Map<String, String>> EVENTS = Map.of(
            "started", Map.of(
                    "booted", "Started",
                    "migrated", "Started: migrated here from another host",
                    "restored", "Started from a saved state",
                    "from_snapshot", "Started from a snapshot",
                    "wakeup", "Started: woken from power-management sleep",
                    "recreated", "Started again: its QEMU process was replaced",
                    "unknown", "Started"),
            "resumed", Map.of(
                    "unpaused", "Resumed",
                    "migrated", "Resumed after a migration",
                    "from_snapshot", "Resumed from a snapshot",
                    "postcopy", "Resumed while its migration finishes",
                    "postcopy_failed", "Resumed after a failed migration",
                    "unknown", "Resumed"),
            "suspended", Map.ofEntries(
                    Map.entry("paused", "Paused by a user"),
                    Map.entry("migrated", "Paused for a migration"),
                    Map.entry("ioerror", "Paused: a disk read or write failed"),
                    Map.entry("watchdog", "Paused: the guest's watchdog fired"),
                    Map.entry("restored", "Paused after a restore from a saved state"),
                    Map.entry("from_snapshot", "Paused after a restore from a snapshot"),
                    Map.entry("api_error", "Paused: a hypervisor call failed"),
                    Map.entry("postcopy", "Paused while its migration finishes"),
                    Map.entry("postcopy_failed", "Paused: its migration failed"),
                    Map.entry("unknown", "Paused")),
            "pm_suspended", Map.of(
                    "memory", "Asleep: the guest suspended itself to memory",
                    "disk", "Asleep: the guest suspended itself to disk",
                    "unknown", "Asleep: the guest suspended itself"),
            "stopped", Map.of(
                    "shutdown", "Shut down",
                    "destroyed", "Forced off",
                    "crashed", "Stopped: the guest crashed",
                    "migrated", "Stopped: migrated to another host",
                    "saved", "Stopped: its state was saved to a file",
                    "failed", "Stopped: the hypervisor failed",
                    "from_snapshot", "Stopped: a snapshot was restored",
                    "unknown", "Stopped"),
            "shutdown", Map.of(
                    "finished", "Shut down",
                    "guest", "Shut down by its guest",
                    "host", "Shut down by the host",
                    "unknown", "Shut down"),
            "crashed", Map.of(
                    "panicked", "Crashed: the guest kernel panicked",
                    "crashloaded", "Crashed: the guest kernel panicked and started its crash kernel",
                    "unknown", "Crashed"));

    /**
     * Reasons from a listing, per console state (virDomainRunningReason, virDomainShutdownReason and
     * virDomainBlockedReason count as running; virDomainPausedReason and virDomainPMSuspendedReason as paused;
     * virDomainShutoffReason as stopped; virDomainCrashedReason as crashed).
     */
    static final Map<VmStatus, Map<String, String>> LISTED = Map.of(
            VmStatus.RUNNING, Map.ofEntries(
                    Map.entry("unknown", "Running"),
                    Map.entry("booted", "Running since it booted"),
                    Map.entry("migrated", "Running: migrated here from another host"),
                    Map.entry("restored", "Running: restored from a saved state"),
                    Map.entry("from_snapshot", "Running: restored from a snapshot"),
                    Map.entry("unpaused", "Running: resumed after a pause"),
                    Map.entry("migration_canceled", "Running: its migration was cancelled"),
                    Map.entry("save_canceled", "Running: saving its state was cancelled"),
                    Map.entry("wakeup", "Running: woken from power-management sleep"),
                    Map.entry("crashed", "Running its crash kernel after a crash"),
                    Map.entry("postcopy", "Running while its migration finishes"),
                    Map.entry("postcopy_failed", "Running after a failed migration"),
                    Map.entry("user", "Shutting down at a user's request")),
            VmStatus.PAUSED, Map.ofEntries(
                    Map.entry("unknown", "Paused"),
                    Map.entry("user", "Paused by a user"),
                    Map.entry("migration", "Paused for a migration"),
                    Map.entry("save", "Paused while its state is saved"),
                    Map.entry("dump", "Paused while its memory is dumped"),
                    Map.entry("ioerror", "Paused: a disk read or write failed"),
                    Map.entry("watchdog", "Paused: the guest's watchdog fired"),
                    Map.entry("from_snapshot", "Paused after a restore from a snapshot"),
                    Map.entry("shutting_down", "Paused while shutting down"),
                    Map.entry("snapshot", "Paused while a snapshot is taken"),
                    Map.entry("crashed", "Paused: the guest crashed"),
                    Map.entry("starting_up", "Paused while starting up"),
                    Map.entry("postcopy", "Paused while its migration finishes"),
                    Map.entry("postcopy_failed", "Paused: its migration failed"),
                    Map.entry("api_error", "Paused: a hypervisor call failed")),
            VmStatus.STOPPED, Map.of(
                    "unknown", "Stopped",
                    "shutdown", "Shut down",
                    "destroyed", "Forced off",
                    "crashed", "Stopped: the guest crashed",
                    "migrated", "Stopped: migrated to another host",
                    "saved", "Stopped: its state was saved to a file",
                    "failed", "Stopped: the hypervisor failed",
                    "from_snapshot", "Stopped: a snapshot was restored",
                    "daemon", "Stopped by libvirt when it restarted"),
            VmStatus.CRASHED, Map.of(
                    "unknown", "Crashed",
                    "panicked", "Crashed: the guest kernel panicked"));

    /** State names as virsh prints them ("paused (user)"), for reasons that arrive in that form. */
    static final Map<String, VmStatus> VIRSH_STATES = Map.of("running", VmStatus.RUNNING, "blocked", VmStatus.RUNNING,
            "paused", VmStatus.PAUSED, "pmsuspended", VmStatus.PAUSED, "shutoff", VmStatus.STOPPED);

    private static final Pattern EVENT = Pattern.compile("([a-z_]+) \\(([a-z_]+)\\)");
    private static final Pattern TOKEN = Pattern.compile("[a-z_]+");
    private static final Pattern ADOPTED = Pattern.compile("adopted \\(([a-z_]+)\\)");

    private VmStateReasons() {
    }

    /** The reason in words, or null when there is none. */
    static String inWords(VmStatus state, String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String raw = reason.strip();
        Matcher event = EVENT.matcher(raw);
        if (event.matches() && EVENTS.containsKey(event.group(1))) {
            Map<String, String> details = EVENTS.get(event.group(1));
            return details.getOrDefault(event.group(2), details.get("unknown") + " (libvirt says: "
                    + event.group(2).replace('_', ' ') + ")");
        }
        if (event.matches() && VIRSH_STATES.containsKey(event.group(1))) {
            String listed = listed(VIRSH_STATES.get(event.group(1)), event.group(2));
            if (listed != null) {
                return listed;
            }
        }
        Matcher adopted = ADOPTED.matcher(raw);
        if (adopted.matches()) {
            String listed = listed(state, adopted.group(1));
            return "Adopted into the console" + (listed == null ? "" : "; " + lowerFirst(listed));
        }
        if (TOKEN.matcher(raw).matches()) {
            String listed = listed(state, raw);
            if (listed != null) {
                return listed;
            }
            // An event without a detail ("started") is stored as its kind alone.
            return EVENTS.containsKey(raw) ? EVENTS.get(raw).get("unknown") : raw.replace('_', ' ');
        }
        return raw; // written by the console in words
    }

    private static String listed(VmStatus state, String token) {
        Map<String, String> reasons = LISTED.get(state);
        return reasons == null ? null : reasons.get(token);
    }

    private static String lowerFirst(String words) {
        return words.substring(0, 1).toLowerCase(Locale.ROOT) + words.substring(1);
    }
}
