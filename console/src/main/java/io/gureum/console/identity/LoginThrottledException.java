package io.gureum.console.identity;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** A login attempt refused without checking the password because of too many recent failures. */
class LoginThrottledException extends LockedException {

    LoginThrottledException(Duration wait) {
        super("Too many failed logins, try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s.");
    }
}
