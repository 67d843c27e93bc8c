package io.gureum.console.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity feature's facade: users and their global roles. */
@Service
public class IdentityService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;

    IdentityService(UserAccountRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
                    Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.clock = clock;
    }

    /** All users, for administrators. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UserSummary> listUsers() {
        return users.findAllByOrderByUsernameAsc().stream().map(UserAccount::summary).toList();
    }

    /** Whether any user exists; false only before the first start completed. */
    @Transactional(readOnly = true)
    public boolean hasAnyUser() {
        return users.count() > 0;
    }

    /** The user with this login name, if any. */
    @Transactional(readOnly = true)
    public Optional<UserSummary> findByUsername(String username) {
        return users.findByUsername(username).map(UserAccount::summary);
    }

    /**
     * Creates the first administrator when the database has no user yet; does nothing otherwise.
     * Called at start-up, before anyone can log in, hence no caller check.
     *
     * @return true when the administrator was created
     */
    @Transactional
    boolean createFirstAdministrator(String username, String password) {
        if (users.count() > 0) {
            return false;
        }
        validateUsername(username);
        passwordPolicy.check(username, password);
        users.save(new UserAccount(username, "Administrator", passwordEncoder.encode(password),
                Set.of(GlobalRole.USER, GlobalRole.ADMIN), clock.instant()));
        return true;
    }

    static void validateUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("User name '" + username + "' is not valid: use 2-64 characters, "
                    + "lower-case letters, digits, '.', '_' or '-', starting with a letter.");
        }
    }
}
