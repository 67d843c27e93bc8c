package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The throttle on the console's database, with a clock the test moves. A second throttle on the same database is a
 * second console instance: failures counted on one lock out logins on the other.
 */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class LoginThrottleTest {

    @Autowired
    JdbcTemplate jdbc;

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    };
    private LoginThrottle throttle;

    @BeforeEach
    void noFailuresYet() {
        throttle = new LoginThrottle(jdbc, clock);
        throttle.forgetAll();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure("alice", "10.0.0.1");
        }
    }

    @Test
    void four_failures_are_free_and_the_fifth_locks_for_thirty_seconds() {
        fail(4);
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isZero();
        fail(1);
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        now = now.plusSeconds(30);
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isZero();
    }

    @Test
    void each_further_failure_doubles_the_lock_up_to_fifteen_minutes() {
        fail(6);
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        fail(20);
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void the_lock_is_per_user_name_and_address_and_success_resets_it() {
        fail(5);
        assertThat(throttle.remainingLock("ALICE", "10.0.0.1")).isPositive();
        assertThat(throttle.remainingLock("alice", "10.0.0.2")).isZero();
        assertThat(throttle.remainingLock("bob", "10.0.0.1")).isZero();
        throttle.recordSuccess("alice", "10.0.0.1");
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isZero();
    }

    @Test
    void failures_counted_on_one_instance_lock_the_login_on_another() {
        LoginThrottle otherInstance = new LoginThrottle(jdbc, clock);
        fail(3);
        for (int i = 0; i < 2; i++) {
            otherInstance.recordFailure("alice", "10.0.0.1");
        }
        assertThat(throttle.remainingLock("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(otherInstance.remainingLock("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_message_says_how_many_seconds_to_wait() {
        assertThat(new LoginThrottledException(Duration.ofMillis(29_001)).getMessage())
                .isEqualTo("Too many failed logins, try again in 30 s.");
    }
}
