package org.minbar.system;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who did what, when and from where: logins, publishing, unpublishing, deletions and user changes.
 * Admins read it in the newsroom. Rows are only ever added.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** One line of the audit log. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String subject, String detail, String address) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action; {@code address} is the client's address, or null from the command line. */
    public void record(String actor, String action, String subject, String detail, String address) {
        jdbc.sql("insert into audit_event (at, actor, action, subject, detail, address) values (?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), cut(actor, 100), cut(action, 50), cut(subject, 300),
                        cut(detail, 1000), cut(address, 100))
                .update();
        log.info("audit: {} {} {}{}", oneLine(actor), action, subject == null ? "" : oneLine(subject),
                detail == null ? "" : " (" + oneLine(detail) + ")");
    }

    /**
     * Text a client chose (a login name, a title), fit for one log line: a newline in it would
     * otherwise start a forged line of its own. Control characters are written as {@code \\uXXXX}.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    /** Newest first; {@code action} null for all. */
    public List<Entry> recent(String action, int limit, int offset) {
        return jdbc.sql("select * from audit_event" + (action == null ? "" : " where action = :action")
                        + " order by id desc limit :limit offset :offset")
                .param("action", action).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail"), rs.getString("address")))
                .list();
    }

    /** The newest entry of each of these subjects (for example "article 12"); subjects without one are left out. */
    public java.util.Map<String, Entry> latestBySubject(java.util.Collection<String> subjects) {
        java.util.Map<String, Entry> latest = new java.util.HashMap<>();
        if (subjects.isEmpty()) {
            return latest;
        }
        jdbc.sql("select * from audit_event where id in (select max(id) from audit_event where subject in (:subjects) group by subject)")
                .param("subjects", subjects)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("detail"), rs.getString("address")))
                .list().forEach(entry -> latest.put(entry.subject(), entry));
        return latest;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
