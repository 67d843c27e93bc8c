package io.gureum.console.consoles;

/**
 * A redeemed token: the console it allows, for whom and from which HTTP session. Only {@link ConsoleService#redeem}
 * makes one, so holding a grant means the token, session, origin and role were checked.
 */
final class ConsoleGrant {
    private final ConsoleKind kind;
    private final ConsoleResource resource;
    private final long userId;
    private final String sessionHash;

    ConsoleGrant(ConsoleKind kind, ConsoleResource resource, long userId, String sessionHash) {
        this.kind = kind;
        this.resource = resource;
        this.userId = userId;
        this.sessionHash = sessionHash;
    }

    ConsoleKind kind() {
        return kind;
    }

    ConsoleResource resource() {
        return resource;
    }

    long userId() {
        return userId;
    }

    String sessionHash() {
        return sessionHash;
    }
}
