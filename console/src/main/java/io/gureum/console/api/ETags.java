package io.gureum.console.api;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Entity tags of workloads: every change of a workload's row moves its {@code updatedAt} (kept to the microsecond),
 * so that instant is its version as a client can see it.
 */
final class ETags {

    private ETags() {
    }

    static String of(ApiWorkload workload) {
        return "\"" + Long.toHexString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, workload.updatedAt()))
                + "\"";
    }

    /**
     * Refuses an update made against another version than the current one: {@code ifMatch} is the request's
     * {@code If-Match} header (null or absent: no condition; {@code *}: any version). Tags compare strongly, so a
     * weak tag never matches.
     */
    static void requireMatch(String ifMatch, ApiWorkload current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String tag = of(current);
        if (Arrays.stream(ifMatch.split(",")).map(String::strip).noneMatch(tag::equals)) {
            throw new PreconditionFailed("It changed since you read it; its ETag is now " + tag
                    + ". Read it again, then retry with that tag in If-Match.");
        }
    }

    /** An update's {@code If-Match} names another version than the current one. */
    static final class PreconditionFailed extends RuntimeException {

        PreconditionFailed(String message) {
            super(message);
        }
    }
}
