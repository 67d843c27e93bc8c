package io.gureum.console.identity;

import io.gureum.console.identity.UserEvents.PasswordChanged;
import io.gureum.console.identity.UserEvents.PasswordReset;
import io.gureum.console.identity.UserEvents.UserCreated;
import io.gureum.console.identity.UserEvents.UserDisabled;
import io.gureum.console.identity.UserEvents.UserEnabled;
import io.gureum.console.system.NameRule;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity feature's facade: users and their global roles. */
@Service
public class IdentityService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    /** The rule for user names, also shown next to the user name field. */
    public static final NameRule USERNAME_RULE = new NameRule("user name", USERNAME,
            "2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
    static final int RESET_PASSWORD_LENGTH = 20;

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IdentityService(UserAccountRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
                    ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.events = events;
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

    /**
     * The user with this login name, if any. Open to every feature: it reveals no secret, and the
     * project feature needs it to resolve the caller and new members.
     */
    @Transactional(readOnly = true)
    public Optional<UserSummary> findByUsername(String username) {
        return users.findByUsername(username).map(UserAccount::summary);
    }

    /** The user with this id, if any (names for membership lists). */
    @Transactional(readOnly = true)
    public Optional<UserSummary> findById(long id) {
        return users.findById(id).map(UserAccount::summary);
    }

    /** The signed-in user. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public UserSummary currentUser() {
        String name = callerName();
        return findByUsername(name).orElseThrow(() -> new UserAccountNotFoundException("no user " + name));
    }

    /** Creates an enabled user; the password must pass the {@link PasswordPolicy}. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary createUser(String username, String displayName, String password, boolean admin) {
        validateUsername(username);
        if (users.existsByUsername(username)) {
            throw new UserValidationException("username", "User name '" + username + "' is taken: choose another.");
        }
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (name.length() > 128) {
            throw new UserValidationException("displayName", "The name has at most 128 characters, not "
                    + name.length() + ".");
        }
        passwordPolicy.check(username, password);
        Set<GlobalRole> roles = admin ? EnumSet.of(GlobalRole.USER, GlobalRole.ADMIN) : EnumSet.of(GlobalRole.USER);
        UserAccount account = users.save(new UserAccount(username, name, passwordEncoder.encode(password), roles,
                clock.instant()));
        events.publishEvent(new UserCreated(account.id(), username, admin));
        return account.summary();
    }

    /** Disables a user: they can no longer log in and their open sessions end. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary disable(long userId) {
        UserAccount account = account(userId);
        if (account.username().equals(callerName())) {
            throw new IllegalArgumentException("You cannot disable your own account.");
        }
        if (account.enabled()) {
            account.disable();
            events.publishEvent(new UserDisabled(userId, account.username()));
        }
        return account.summary();
    }

    /** Re-enables a disabled user. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary enable(long userId) {
        UserAccount account = account(userId);
        if (!account.enabled()) {
            account.enable();
            events.publishEvent(new UserEnabled(userId, account.username()));
        }
        return account.summary();
    }

    /**
     * Gives the user a generated password that the administrator passes on.
     *
     * @return the new password, to be shown once and never stored in clear
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public String resetPassword(long userId) {
        UserAccount account = account(userId);
        String generated = passwordPolicy.generate(RESET_PASSWORD_LENGTH);
        account.changePassword(passwordEncoder.encode(generated), clock.instant());
        events.publishEvent(new PasswordReset(userId, account.username()));
        return generated;
    }

    /** The signed-in user changes their own password, proving they know the current one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        String name = callerName();
        UserAccount account = users.findByUsername(name)
                .orElseThrow(() -> new UserAccountNotFoundException("no user " + name));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw new BadCredentialsException("The current password is wrong.");
        }
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new WeakPasswordException("The new password is the current one: choose a different one.");
        }
        passwordPolicy.check(name, newPassword);
        account.changePassword(passwordEncoder.encode(newPassword), clock.instant());
        events.publishEvent(new PasswordChanged(account.id(), name));
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
        UserAccount admin = users.save(new UserAccount(username, "Administrator", passwordEncoder.encode(password),
                Set.of(GlobalRole.USER, GlobalRole.ADMIN), clock.instant()));
        events.publishEvent(new UserEvents.FirstAdministratorCreated(admin.id(), username));
        return true;
    }

    private UserAccount account(long userId) {
        return users.findById(userId).orElseThrow(() -> new UserAccountNotFoundException("no user with id " + userId));
    }

    private static String callerName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("not signed in");
        }
        return authentication.getName();
    }

    static void validateUsername(String username) {
        USERNAME_RULE.problem(username).ifPresent(problem -> {
            throw new UserValidationException("username", problem);
        });
    }
}
