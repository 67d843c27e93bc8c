package io.gureum.console.consoles;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table of unredeemed console tokens. Only hashes are stored; a token is consumed by deleting its row, and
 * only the caller whose delete removed it may use it, so two console instances cannot both redeem one token.
 */
@Component
class ConsoleTokens {

    /** A stored token: who it is for, from which HTTP session, for what, until when. */
    record Row(long userId, String sessionHash, ConsoleKind kind, UUID resourceId, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    ConsoleTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, Row row) {
        jdbc.sql("""
                        insert into console_token (token_hash, user_id, session_hash, kind, resource_id, expires_at)
                        values (:hash, :user, :session, :kind, :resource, :expires)""")
                .param("hash", tokenHash).param("user", row.userId()).param("session", row.sessionHash())
                .param("kind", row.kind().name()).param("resource", row.resourceId())
                .param("expires", OffsetDateTime.ofInstant(row.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    /** The token's row, removed in the same call; empty if it never existed or was already taken. */
    Optional<Row> take(String tokenHash) {
        Optional<Row> row = jdbc.sql("""
                        select user_id, session_hash, kind, resource_id, expires_at from console_token
                        where token_hash = :hash""")
                .param("hash", tokenHash)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), ConsoleKind.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        int deleted = jdbc.sql("delete from console_token where token_hash = :hash").param("hash", tokenHash).update();
        return deleted == 1 ? row : Optional.empty();
    }

    /** Tokens of the user that are still valid at {@code now}: each may become an open console. */
    int pendingOf(long userId, Instant now) {
        return jdbc.sql("select count(*) from console_token where user_id = :user and expires_at > :now")
                .param("user", userId).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(Integer.class).single();
    }

    void deleteExpired(Instant now) {
        jdbc.sql("delete from console_token where expires_at <= :now")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }
}
