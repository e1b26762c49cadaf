package org.minbar.newsletter;

import java.util.function.Consumer;
import org.minbar.system.ConsistencyCheck;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The newsletter outbox's invariants for {@code verify}: a finished edition has nobody left to
 * send to, a sent row says when, and every row has a known status. A row left SENDING by a crash
 * is not a difference: it is the one message whose fate is unknown, and it is never sent again.
 */
@Component
@Order(30)
class OutboxConsistency implements ConsistencyCheck {

    private final JdbcClient jdbc;

    OutboxConsistency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String subject() {
        return "newsletter";
    }

    @Override
    public void check(Consumer<String> difference) {
        jdbc.sql("""
                select o.edition_id, count(*) from newsletter_outbox o join newsletter_edition e on e.id = o.edition_id
                where e.finished_at is not null and o.status = 'PENDING' group by o.edition_id order by o.edition_id""")
                .query(rs -> {
                    difference.accept("edition " + rs.getLong(1) + " is finished but " + rs.getLong(2)
                            + " of its recipients were never sent it");
                });
        jdbc.sql("select edition_id, count(*) from newsletter_outbox where status = 'SENT' and sent_at is null "
                + "group by edition_id order by edition_id").query(rs -> {
                    difference.accept("edition " + rs.getLong(1) + " has " + rs.getLong(2) + " recipients marked sent without a time");
                });
        jdbc.sql("select edition_id, status, count(*) from newsletter_outbox where status not in (?, ?, ?, ?, ?) "
                + "group by edition_id, status order by edition_id")
                .params(Editions.PENDING, Editions.SENDING, Editions.SENT, Editions.FAILED, Editions.SKIPPED).query(rs -> {
                    difference.accept("edition " + rs.getLong(1) + " has " + rs.getLong(3) + " recipients with the unknown status "
                            + rs.getString(2));
                });
    }
}
