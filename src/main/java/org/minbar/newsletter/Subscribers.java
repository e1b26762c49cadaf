package org.minbar.newsletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscribers, their section choices and their confirmation links, in plain SQL. */
@Repository
class Subscribers {

    static final String PENDING = "PENDING";
    static final String CONFIRMED = "CONFIRMED";
    static final String UNSUBSCRIBED = "UNSUBSCRIBED";
    static final String BOUNCING = "BOUNCING";

    private static final SecureRandom RANDOM = new SecureRandom();

    record Subscriber(long id, String email, String status, String token) {
    }

    private final JdbcClient jdbc;

    Subscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String newToken() {
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Subscriber subscriber(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Subscriber(rs.getLong("id"), rs.getString("email"), rs.getString("status"), rs.getString("token"));
    }

    Optional<Subscriber> byEmail(String email) {
        return jdbc.sql("select id, email, status, token from newsletter_subscriber where email = ?").param(email)
                .query(Subscribers::subscriber).optional();
    }

    Optional<Subscriber> byId(long id) {
        return jdbc.sql("select id, email, status, token from newsletter_subscriber where id = ?").param(id)
                .query(Subscribers::subscriber).optional();
    }

    Optional<Subscriber> byToken(String token) {
        return jdbc.sql("select id, email, status, token from newsletter_subscriber where token = ?").param(token)
                .query(Subscribers::subscriber).optional();
    }

    long insertPending(String email, Instant now) {
        jdbc.sql("insert into newsletter_subscriber (email, status, token, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(email, PENDING, newToken(), utc(now), utc(now)).update();
        return byEmail(email).orElseThrow().id();
    }

    void setStatus(long id, String status, Instant now) {
        jdbc.sql("update newsletter_subscriber set status = ?, updated_at = ? where id = ?").params(status, utc(now), id).update();
    }

    /** Confirms the subscriber; a re-subscription also gets a new unsubscribe token, so old links stop working. */
    void confirm(long id, Instant now) {
        jdbc.sql("update newsletter_subscriber set status = ?, confirmed_at = ?, updated_at = ?, bounce_count = 0, token = ? where id = ?")
                .params(CONFIRMED, utc(now), utc(now), newToken(), id).update();
    }

    List<Long> sections(long subscriberId) {
        return jdbc.sql("select section_id from newsletter_subscriber_section where subscriber_id = ? order by section_id")
                .param(subscriberId).query(Long.class).list();
    }

    Map<Long, List<Long>> sections(Collection<Long> subscriberIds) {
        Map<Long, List<Long>> result = new java.util.HashMap<>();
        if (subscriberIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select subscriber_id, section_id from newsletter_subscriber_section where subscriber_id in (:ids)")
                .param("ids", subscriberIds)
                .query((rs, row) -> result.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getLong(2)))
                .list();
        return result;
    }

    void replaceSections(long subscriberId, Collection<Long> sectionIds) {
        jdbc.sql("delete from newsletter_subscriber_section where subscriber_id = ?").param(subscriberId).update();
        for (Long sectionId : sectionIds) {
            jdbc.sql("insert into newsletter_subscriber_section (subscriber_id, section_id) values (?, ?)")
                    .params(subscriberId, sectionId).update();
        }
    }

    /** Stores a new confirmation link for the subscriber and returns its token (only its hash is kept). */
    String newConfirmation(long subscriberId, Instant now, Instant expires) {
        String token = newToken();
        jdbc.sql("insert into newsletter_confirmation (token_hash, subscriber_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(hash(token), subscriberId, utc(now), utc(expires)).update();
        return token;
    }

    /** Uses a confirmation link once: the subscriber id if the link exists, is unused and has not expired. */
    Optional<Long> useConfirmation(String token, Instant now) {
        String hash = hash(token);
        int used = jdbc.sql("update newsletter_confirmation set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
                .params(utc(now), hash, utc(now)).update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select subscriber_id from newsletter_confirmation where token_hash = ?").param(hash)
                .query(Long.class).optional();
    }

    /** A permanent failure; at the limit the address becomes BOUNCING. Returns true when it did. */
    boolean recordBounce(long id, int limit, Instant now) {
        jdbc.sql("update newsletter_subscriber set bounce_count = bounce_count + 1, updated_at = ? where id = ?").params(utc(now), id).update();
        return jdbc.sql("update newsletter_subscriber set status = ? where id = ? and status = ? and bounce_count >= ?")
                .params(BOUNCING, id, CONFIRMED, limit).update() > 0;
    }

    void recordDelivery(long id) {
        jdbc.sql("update newsletter_subscriber set bounce_count = 0 where id = ? and bounce_count > 0").param(id).update();
    }

    Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String status : List.of(CONFIRMED, PENDING, UNSUBSCRIBED, BOUNCING)) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) from newsletter_subscriber group by status")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Every subscriber in id order, streamed a page at a time (never all in memory). */
    void forEach(Consumer<ExportRow> consumer) {
        long after = 0;
        while (true) {
            List<ExportRow> page = jdbc.sql("""
                    select id, email, status, created_at, confirmed_at from newsletter_subscriber
                    where id > ? order by id fetch first 1000 rows only""").param(after)
                    .query((rs, row) -> new ExportRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                    .list();
            if (page.isEmpty()) {
                return;
            }
            page.forEach(consumer);
            after = page.get(page.size() - 1).id();
        }
    }

    record ExportRow(long id, String email, String status, OffsetDateTime createdAt, OffsetDateTime confirmedAt) {
    }

    /** Erases the address and everything about it (choices, links, its rows in the outbox). */
    boolean delete(String email) {
        return jdbc.sql("delete from newsletter_subscriber where email = ?").param(email).update() > 0;
    }
}
