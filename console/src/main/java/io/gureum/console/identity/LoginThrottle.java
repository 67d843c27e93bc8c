package io.gureum.console.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing per user name and client address: after {@value #FREE_FAILURES} failed
 * logins in a row, each further attempt waits an increasing delay (30 s, 60 s, 120 s, ... at most 15 min).
 * A successful login forgets the failures. Kept in memory: each console instance throttles on its own.
 */
@Component
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    // Failures older than this are forgotten, so the map does not grow without bound.
    private static final Duration MEMORY = Duration.ofHours(1);

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user name from this address must still wait; zero when it may try now. */
    public Duration remainingLock(String username, String address) {
        Failures recorded = failures.get(key(username, address));
        if (recorded == null || recorded.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), recorded.last().plus(lockFor(recorded.count())));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        failures.values().removeIf(old -> old.last().plus(MEMORY).isBefore(now));
        failures.merge(key(username, address), new Failures(1, now),
                (before, one) -> new Failures(before.count() + 1, now));
    }

    void recordSuccess(String username, String address) {
        failures.remove(key(username, address));
    }

    /** Lifts every lock, e.g. between tests that log in over HTTP from the same address. */
    public void forgetAll() {
        failures.clear();
    }

    static Duration lockFor(int failureCount) {
        int doublings = Math.min(failureCount - FREE_FAILURES, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address;
    }
}
