package io.gureum.console.api;

import io.gureum.console.workload.ExpectedVersion;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * Entity tags of workloads: every change of a workload's row moves its {@code updatedAt} (kept to the microsecond),
 * so that instant is its version as a client can see it.
 */
final class ETags {

    private ETags() {
    }

    static String of(ApiWorkload workload) {
        return of(workload.updatedAt());
    }

    static String of(Instant updatedAt) {
        return "\"" + Long.toHexString(ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt)) + "\"";
    }

    /**
     * The versions an update is meant for, from the request's {@code If-Match} header (null, blank or {@code *}: any
     * version), for the facade to compare in the transaction that writes. Tags compare strongly, so a weak or foreign
     * tag matches no version.
     */
    static ExpectedVersion expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return ExpectedVersion.ANY;
        }
        Set<Instant> versions = new HashSet<>();
        for (String tag : ifMatch.split(",")) {
            String strong = tag.strip();
            if (strong.length() > 2 && strong.startsWith("\"") && strong.endsWith("\"")) {
                try {
                    versions.add(Instant.EPOCH.plus(Long.parseLong(strong.substring(1, strong.length() - 1), 16),
                            ChronoUnit.MICROS));
                } catch (NumberFormatException | ArithmeticException | DateTimeException notOurs) {
                    // a tag the console never made: it matches no version
                }
            }
        }
        return new ExpectedVersion(versions);
    }
}
