package io.gureum.console.identity;

import java.time.Instant;

/** A stored public key as the profile page and the create dialog show it. */
public record SshKeySummary(long id, String owner, SshPublicKey key, Instant createdAt) {

    /** A short name: the key's comment, or its fingerprint when it has none. */
    public String label() {
        return key.comment().isEmpty() ? key.fingerprint() : key.comment();
    }
}
