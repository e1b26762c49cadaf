package org.minbar.system;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Article events whose listeners never finished, for {@code verify}. Completed publications are
 * deleted, so every row is one a listener still owes; the site delivers them again at start, so a
 * row older than {@link #GRACE} means a derived copy (index, caches, feeds) missed a change.
 */
@Component
@Order(40)
class EventDeliveryConsistency implements ConsistencyCheck {

    static final Duration GRACE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    EventDeliveryConsistency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String subject() {
        return "events";
    }

    @Override
    public void check(Consumer<String> difference) {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(GRACE);
        jdbc.sql("""
                select listener_id, event_type, count(*), min(publication_date) from event_publication
                where completion_date is null and publication_date < ? group by listener_id, event_type order by listener_id""")
                .param(before).query(rs -> {
                    difference.accept(rs.getLong(3) + " " + simple(rs.getString(2)) + " events were not delivered to "
                            + rs.getString(1) + " (the oldest since " + rs.getObject(4, OffsetDateTime.class) + ")");
                });
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
