package io.gureum.console.identity;

import io.gureum.console.system.InvalidInput;

/** An SSH public key was refused before anything was stored; the message says what to fix. */
public class SshKeyValidationException extends InvalidInput {

    private final boolean privateKey;

    SshKeyValidationException(String message) {
        this("publicKey", message, false);
    }

    SshKeyValidationException(String field, String message, boolean privateKey) {
        super(field, message);
        this.privateKey = privateKey;
    }

    /** True when a private key was pasted: the caller should warn, and consider that key pair exposed. */
    public boolean privateKey() {
        return privateKey;
    }
}
