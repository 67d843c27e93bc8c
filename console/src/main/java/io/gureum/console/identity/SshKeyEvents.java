package io.gureum.console.identity;

import io.gureum.console.system.Audited;

/** Past-tense events about SSH keys, published by {@link SshKeyService}. Only public data: fingerprints. */
public final class SshKeyEvents {

    private SshKeyEvents() {
    }

    /** A user added a public key to their profile. */
    public record SshKeyAdded(long keyId, String username, String description) implements Audited {
        public String action() { return "ssh-key.added"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return description; }
    }

    /** A user removed a public key from their profile. */
    public record SshKeyRemoved(long keyId, String username, String description) implements Audited {
        public String action() { return "ssh-key.removed"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return description; }
    }

    /**
     * Someone pasted a private key where a public key belongs. Recorded without any of the key, so that an
     * administrator can tell the user to replace the key pair.
     */
    public record PrivateKeyRefused(String username) implements Audited {
        public String action() { return "ssh-key.private-key-refused"; }
        public Long projectId() { return null; }
        public String target() { return "user " + username; }
        public String detail() { return "a private key was pasted as a public key; nothing of it was stored"; }
        @Override public boolean refused() { return true; }
    }
}
