package io.gureum.console.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public SSH key in a user's profile. */
@Entity
@Table(name = "ssh_key")
class SshKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "key_type", nullable = false, length = 32)
    private String type;

    @Column(nullable = false)
    private int bits;

    @Column(name = "key_blob", nullable = false, length = 8192)
    private String blob;

    @Column(nullable = false, length = 255)
    private String comment;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SshKey() {
    }

    SshKey(long userId, SshPublicKey key, Instant now) {
        this.userId = userId;
        this.type = key.type();
        this.bits = key.bits();
        this.blob = key.blob();
        this.comment = key.comment();
        this.fingerprint = key.fingerprint();
        this.createdAt = now;
    }

    long id() {
        return id;
    }

    long userId() {
        return userId;
    }

    SshPublicKey key() {
        return new SshPublicKey(type, bits, blob, comment, fingerprint);
    }

    SshKeySummary summary(String owner) {
        return new SshKeySummary(id, owner, key(), createdAt);
    }
}
