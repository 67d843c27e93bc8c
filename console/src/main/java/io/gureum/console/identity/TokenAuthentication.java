package io.gureum.console.identity;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request signed in with an API token: the user's name and current authorities, plus what limits the token puts
 * on them (scope, projects). The project feature reads the limits on every check; the audit log names the token.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final String username;
    private final long tokenId;
    private final String tokenName;
    private final TokenScope scope;
    private final Set<Long> projectIds;

    /** {@code projectIds} empty means every project of the user. */
    public TokenAuthentication(String username, Collection<? extends GrantedAuthority> authorities, long tokenId,
                               String tokenName, TokenScope scope, Set<Long> projectIds) {
        super(authorities);
        this.username = username;
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.scope = scope;
        this.projectIds = Set.copyOf(projectIds);
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null; // the secret is never kept after the lookup
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    public long tokenId() {
        return tokenId;
    }

    public String tokenName() {
        return tokenName;
    }

    public TokenScope scope() {
        return scope;
    }

    public boolean readOnly() {
        return scope == TokenScope.READ_ONLY;
    }

    /** True when the token reaches only some of its user's projects. */
    public boolean limitedToProjects() {
        return !projectIds.isEmpty();
    }

    /** Whether the token reaches this project (always true for a token not limited to projects). */
    public boolean reaches(long projectId) {
        return projectIds.isEmpty() || projectIds.contains(projectId);
    }

    public Set<Long> projectIds() {
        return projectIds;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenAuthentication token && super.equals(other) && tokenId == token.tokenId;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Long.hashCode(tokenId);
    }
}
