package io.gureum.console.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing per user name and client address: after {@value #FREE_FAILURES} failed
 * logins in a row, each further attempt waits an increasing delay (30 s, 60 s, 120 s, ... at most 15 min).
 * A successful login forgets the failures. Kept in the database (table login_failure, V22), so that every console
 * instance behind the proxy throttles the same count: alternating between instances gains a guesser nothing.
 */
@Component
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    // Failures older than this are forgotten, so the table does not grow without bound.
    private static final Duration MEMORY = Duration.ofHours(1);
    private static final int KEY_LENGTH = 400;

    private record Failures(int count, Instant last) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LoginThrottle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long this user name from this address must still wait; zero when it may try now. */
    public Duration remainingLock(String username, String address) {
        Failures recorded = jdbc.query("select failures, last_failure from login_failure where throttle_key = ?",
                rs -> rs.next() ? new Failures(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant())
                        : null, key(username, address));
        if (recorded == null || recorded.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), recorded.last().plus(lockFor(recorded.count())));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    public void recordFailure(String username, String address) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.update("delete from login_failure where last_failure < ?", now.minus(MEMORY));
        String key = key(username, address);
        if (countFailure(key, now) == 0) {
            try {
                jdbc.update("insert into login_failure (throttle_key, failures, last_failure) values (?, 1, ?)", key,
                        now);
            } catch (DuplicateKeyException meanwhile) {
                countFailure(key, now); // another instance recorded the first failure at the same moment
            }
        }
    }

    private int countFailure(String key, OffsetDateTime now) {
        return jdbc.update("update login_failure set failures = failures + 1, last_failure = ? where throttle_key = ?",
                now, key);
    }

    void recordSuccess(String username, String address) {
        jdbc.update("delete from login_failure where throttle_key = ?", key(username, address));
    }

    /** Lifts every lock, e.g. between tests that log in over HTTP from the same address. */
    public void forgetAll() {
        jdbc.update("delete from login_failure");
    }

    static Duration lockFor(int failureCount) {
        int doublings = Math.min(failureCount - FREE_FAILURES, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private static String key(String username, String address) {
        String key = (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address;
        return key.length() <= KEY_LENGTH ? key : key.substring(key.length() - KEY_LENGTH);
    }
}
