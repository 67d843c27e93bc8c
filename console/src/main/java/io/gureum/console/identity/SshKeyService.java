package io.gureum.console.identity;

import io.gureum.console.identity.SshKeyEvents.PrivateKeyRefused;
import io.gureum.console.identity.SshKeyEvents.SshKeyAdded;
import io.gureum.console.identity.SshKeyEvents.SshKeyRemoved;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SSH public keys in users' profiles: a signed-in user adds, lists and removes their own; administrators list
 * everyone's. A VM made from a cloud image gets some of its maker's keys ({@link #callerKeys}).
 */
@Service
public class SshKeyService {

    /** The most keys one user keeps. */
    public static final int MAX_KEYS_PER_USER = 50;

    private final SshKeyRepository keys;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SshKeyService(SshKeyRepository keys, IdentityService identity, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds a public key to the caller's profile. A private key is refused (and the refusal audited, without the key);
     * so is a key the caller already has.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SshKeySummary add(String publicKey) {
        UserSummary caller = identity.currentUser();
        SshPublicKey key;
        try {
            key = SshPublicKey.parse(publicKey);
        } catch (SshKeyValidationException refused) {
            if (refused.privateKey()) {
                events.publishEvent(new PrivateKeyRefused(caller.username()));
            }
            throw refused;
        }
        if (keys.existsByUserIdAndFingerprint(caller.id(), key.fingerprint())) {
            throw new SshKeyValidationException("You already have this key (" + key.fingerprint() + ").");
        }
        if (keys.findByUserIdOrderByCreatedAtAscIdAsc(caller.id()).size() >= MAX_KEYS_PER_USER) {
            throw new SshKeyValidationException("You have " + MAX_KEYS_PER_USER + " keys, the most one user keeps: "
                    + "remove one first.");
        }
        SshKey saved = keys.save(new SshKey(caller.id(), key, clock.instant()));
        events.publishEvent(new SshKeyAdded(saved.id(), caller.username(), key.describe()));
        return saved.summary(caller.username());
    }

    /** The caller's own keys, oldest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SshKeySummary> mine() {
        UserSummary caller = identity.currentUser();
        return keys.findByUserIdOrderByCreatedAtAscIdAsc(caller.id()).stream()
                .map(key -> key.summary(caller.username())).toList();
    }

    /** Whether the caller may see every user's keys ({@link #all}): administrators. */
    public boolean callerSeesEveryone() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
    }

    /** Every user's keys, for administrators. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<SshKeySummary> all() {
        Map<Long, String> names = identity.listUsers().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::username));
        return keys.findAllByOrderByUserIdAscCreatedAtAsc().stream()
                .map(key -> key.summary(names.getOrDefault(key.userId(), "#" + key.userId()))).toList();
    }

    /** Removes one of the caller's own keys; someone else's key is "not found", as if it did not exist. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void remove(long keyId) {
        UserSummary caller = identity.currentUser();
        SshKey key = keys.findById(keyId).filter(found -> found.userId() == caller.id())
                .orElseThrow(() -> new SshKeyValidationException("sshKeyId", "You have no SSH key #" + keyId + ".",
                        false));
        keys.delete(key);
        events.publishEvent(new SshKeyRemoved(keyId, caller.username(), key.key().describe()));
    }

    /**
     * The caller's keys with these ids, in the order given, for a new VM's seed. Someone else's key or an unknown id
     * is refused with the field {@code sshKeyIds}: a user hands out only their own keys.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SshPublicKey> callerKeys(Collection<Long> keyIds) {
        UserSummary caller = identity.currentUser();
        Map<Long, SshKey> own = keys.findByUserIdOrderByCreatedAtAscIdAsc(caller.id()).stream()
                .collect(Collectors.toMap(SshKey::id, Function.identity()));
        Set<Long> wanted = new LinkedHashSet<>(keyIds);
        Set<Long> foreign = wanted.stream().filter(id -> !own.containsKey(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!foreign.isEmpty()) {
            throw new SshKeyValidationException("sshKeyIds", "You have no SSH key(s) " + foreign + ".", false);
        }
        return wanted.stream().map(id -> own.get(id).key()).toList();
    }
}
