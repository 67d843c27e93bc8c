package io.gureum.console.api;

import io.gureum.console.system.JobLocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on creates: the first request with a key claims it (a row unique per user and key, so that
 * concurrent retries queue on the database and exactly one of them creates) and its answer is kept 24 hours; a retry
 * with the same key and the same body (compared by a SHA-256 of the canonical body) gets that answer again, status
 * and body; the same key with another body is refused. A create that fails lets go of its key: nothing was made,
 * and a retry runs again; so does a retry after a claim that a stopped console left unanswered.
 */
@Component
class IdempotencyKeys {

    static final Duration KEPT = Duration.ofHours(24);
    static final String HEADER = "Idempotency-Key";
    private static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(30);
    /**
     * A claim still unanswered after this was left by a console that stopped while creating (a create takes
     * seconds): the next request takes it over. That cannot create twice: had the first create been recorded, the
     * facade would refuse the same name again in the project.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The answer to a create of {@code body} at {@code operation} ("POST /api/v1/vms"): {@code create}'s, or the kept
     * one of the first request with {@code key}. Without a key, simply {@code create}'s.
     *
     * @param answerType what the kept body is read back as
     */
    <T> ResponseEntity<T> answer(String key, String operation, Object body, JavaType answerType,
                                 Supplier<ResponseEntity<T>> create) {
        if (key == null) {
            return create.get();
        }
        requireValid(key);
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        String hash = hash(operation, body);
        long waitUntil = System.nanoTime() + FIRST_ANSWER_WAIT.toNanos();
        while (true) {
            Optional<Kept> kept = find(user, key);
            if (kept.isEmpty()) {
                if (claim(user, key, hash)) {
                    break;
                }
                continue; // another request claimed it first: read its row
            }
            Kept first = kept.get();
            Instant now = clock.instant();
            if (first.createdAt().plus(KEPT).isBefore(now)
                    || first.status() == null && first.createdAt().plus(ABANDONED_AFTER).isBefore(now)) {
                forget(user, key, first.createdAt());
                continue;
            }
            if (!first.hash().equals(hash)) {
                throw new KeyReused(key);
            }
            if (first.status() != null) {
                return replay(first, answerType);
            }
            if (System.nanoTime() > waitUntil) {
                throw new KeyInUse(key);
            }
            pause();
        }
        try {
            ResponseEntity<T> answer = create.get();
            jdbc.sql("update api_idempotency_key set status = ?, body = ?, location = ? where username = ? "
                            + "and idem_key = ?")
                    .params(answer.getStatusCode().value(), json.writeValueAsString(answer.getBody()),
                            answer.getHeaders().getLocation() == null ? null
                                    : answer.getHeaders().getLocation().toString(), user, key)
                    .update();
            return answer;
        } catch (RuntimeException e) {
            jdbc.sql("delete from api_idempotency_key where username = ? and idem_key = ? and status is null")
                    .params(user, key).update();
            throw e;
        }
    }

    /**
     * The hourly clean-up on one console instance at a time (system/JobLocks): tried every tick, held at least the
     * interval (one run per hour across instances), at most 2 h. A method of its own because ShedLock cannot lock one
     * that returns a primitive.
     */
    @Scheduled(initialDelayString = "${gureum.api.idempotency-cleanup-interval:1h}", fixedDelayString = JobLocks.TICK)
    @SchedulerLock(name = "idempotency-key-cleanup", lockAtLeastFor = "${gureum.api.idempotency-cleanup-interval:1h}",
            lockAtMostFor = "2h")
    void scheduledForgetExpired() {
        forgetExpired();
    }

    /** Forgets the keys older than {@link #KEPT}. */
    int forgetExpired() {
        int forgotten = jdbc.sql("delete from api_idempotency_key where created_at < ?")
                .param(utc(clock.instant().minus(KEPT))).update();
        if (forgotten > 0) {
            log.debug("forgot {} idempotency keys older than {}", forgotten, KEPT);
        }
        return forgotten;
    }

    private static void requireValid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidParameters(java.util.List.of(java.util.Map.of("field", HEADER, "message",
                    "1 to " + MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID.")));
        }
    }

    /** Canonical: the parsed request written again, fields in declared order and maps sorted by key. */
    private String hash(String operation, Object body) {
        String canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(body);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((operation + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private boolean claim(String user, String key, String hash) {
        try {
            jdbc.sql("insert into api_idempotency_key (username, idem_key, request_hash, created_at) "
                    + "values (?, ?, ?, ?)").params(user, key, hash, utc(clock.instant())).update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    private Optional<Kept> find(String user, String key) {
        return jdbc.sql("select request_hash, status, body, location, created_at from api_idempotency_key "
                        + "where username = ? and idem_key = ?").params(user, key)
                .query((rs, n) -> new Kept(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                        rs.getString("body"), rs.getString("location"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void forget(String user, String key, Instant createdAt) {
        jdbc.sql("delete from api_idempotency_key where username = ? and idem_key = ? and created_at = ?")
                .params(user, key, utc(createdAt)).update();
    }

    private <T> ResponseEntity<T> replay(Kept first, JavaType answerType) {
        T body = first.body() == null ? null : json.readValue(first.body(), answerType);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(first.status());
        if (first.location() != null) {
            answer.location(java.net.URI.create(first.location()));
        }
        return answer.body(body);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request's answer", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Kept(String hash, Integer status, String body, String location, Instant createdAt) {
    }

    /** The key was used with another request: a client bug, never to be retried as it is. */
    static final class KeyReused extends RuntimeException {
        KeyReused(String key) {
            super("The Idempotency-Key '" + key + "' was used with another request in the last "
                    + KEPT.toHours() + " hours. Use a new key for a new request.");
        }
    }

    /** The first request with the key is still being answered. */
    static final class KeyInUse extends RuntimeException {
        KeyInUse(String key) {
            super("A request with the Idempotency-Key '" + key + "' is still being answered. Retry in a moment.");
        }
    }
}
