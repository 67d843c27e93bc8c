package io.gureum.console.identity;

import java.time.Instant;
import java.util.Set;

/** What other features and views may know about a user (never the password hash). */
public record UserSummary(long id, String username, String displayName, boolean enabled, Set<GlobalRole> roles,
                          Instant createdAt) {

    public UserSummary {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(GlobalRole.ADMIN);
    }
}
