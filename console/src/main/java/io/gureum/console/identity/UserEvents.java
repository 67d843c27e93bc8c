package io.gureum.console.identity;

import io.gureum.console.system.Audited;

/** Past-tense events of the identity feature, published by {@link IdentityService}. */
public final class UserEvents {

    private UserEvents() {
    }

    /** An administrator created a user. */
    public record UserCreated(long userId, String username, boolean admin) implements Audited {
        public String action() { return "user.created"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return admin ? "global roles USER, ADMIN" : "global role USER"; }
    }

    /**
     * The console created its first administrator on its very first start (no user existed). Published in the
     * transaction that creates it, so that what the first start adds with it (a first project) commits with it.
     */
    public record FirstAdministratorCreated(long userId, String username) implements Audited {
        public String action() { return "user.created"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return "first administrator, made on the first start; global roles USER, ADMIN"; }
    }

    /** An administrator disabled a user; their sessions end. */
    public record UserDisabled(long userId, String username) implements Audited {
        public String action() { return "user.disabled"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return "sessions ended"; }
    }

    /** An administrator re-enabled a user. */
    public record UserEnabled(long userId, String username) implements Audited {
        public String action() { return "user.enabled"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return ""; }
    }

    /** An administrator reset a user's password to a generated one. */
    public record PasswordReset(long userId, String username) implements Audited {
        public String action() { return "user.password-reset"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return "generated password shown once to the administrator"; }
    }

    /** A user changed their own password. */
    public record PasswordChanged(long userId, String username) implements Audited {
        public String action() { return "user.password-changed"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return ""; }
    }
}
