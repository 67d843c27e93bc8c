package io.gureum.console.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How sizes and times read in the console. */
public final class Formats {

    /** Date and time as the console shows them (the audit log's format), in the console's time zone. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** "2026-11-28 14:03:07", or "" when there is no time. */
    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** 1536 MiB reads "1.5 GiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value)) + " " + units[unit];
    }

    /** "3 min ago", "2 h ago", "5 d ago". */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration age = Duration.between(then, now);
        if (age.toSeconds() < 60) {
            return Math.max(0, age.toSeconds()) + " s ago";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}
