package io.gureum.console.api;

import io.gureum.console.identity.TokenScope;
import java.time.Duration;
import java.util.Set;

/**
 * What a user asks for when making a token.
 *
 * @param validity   null for the default (90 days)
 * @param scope      null for read-write
 * @param projectIds the caller's projects the token is limited to; null or empty for every project of the caller
 */
public record ApiTokenRequest(String name, Duration validity, TokenScope scope, Set<Long> projectIds) {
}
