package org.minbar.article;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import org.minbar.system.ConsistencyCheck;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The articles' invariants for {@code verify}: what readers see is complete (a published article
 * has its slug, its date, a change date not before it), schedules are kept, every article's
 * current content is its last revision, and the link tables point at rows that exist.
 */
@Component
@Order(10)
class ArticleConsistency implements ConsistencyCheck {

    /** A scheduled article this late was missed: the scheduler picks due ones up within seconds. */
    static final Duration SCHEDULE_GRACE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    Clock clock = Clock.systemUTC();

    ArticleConsistency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String subject() {
        return "articles";
    }

    @Override
    public void check(Consumer<String> difference) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("""
                select id, slug, published_at, modified_at from article
                where status = 'PUBLISHED' and (slug is null or trim(slug) = '' or published_at is null
                    or published_at > ? or modified_at is null or modified_at < published_at)
                order by id""").param(now.plusMinutes(1)).query(rs -> {
            long id = rs.getLong("id");
            OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
            OffsetDateTime modified = rs.getObject("modified_at", OffsetDateTime.class);
            String slug = rs.getString("slug");
            if (slug == null || slug.isBlank()) {
                difference.accept("article " + id + " is published without a slug");
            }
            if (published == null) {
                difference.accept("article " + id + " is published without a publication time");
            } else {
                if (published.isAfter(now.plusMinutes(1))) {
                    difference.accept("article " + id + " is published with a publication time in the future (" + published + ")");
                }
                if (modified == null || modified.isBefore(published)) {
                    difference.accept("article " + id + " is published with a change time (" + modified
                            + ") before its publication time (" + published + ")");
                }
            }
        });
        jdbc.sql("select id, published_at from article where status = 'SCHEDULED' and (published_at is null or published_at < ?) order by id")
                .param(now.minus(SCHEDULE_GRACE)).query(rs -> {
                    OffsetDateTime due = rs.getObject("published_at", OffsetDateTime.class);
                    difference.accept("article " + rs.getLong("id") + (due == null ? " is scheduled without a time"
                            : " was scheduled for " + due + " and is still not published"));
                });
        checkRevisions(difference);
        orphans(difference, "article_tag", "tag_id", "tag");
        orphans(difference, "article_contributor", "contributor_id", "contributor");
        orphans(difference, "article_tag", "article_id", "article");
        orphans(difference, "article_contributor", "article_id", "article");
        orphans(difference, "article_revision", "article_id", "article");
        orphans(difference, "article_slug_history", "article_id", "article");
    }

    /** The current title and body are those of the last revision: every save writes both in one transaction. */
    private void checkRevisions(Consumer<String> difference) {
        jdbc.sql("""
                select a.id, a.title, a.body_html, r.number, r.content from article a
                left join article_revision r on r.article_id = a.id
                    and r.number = (select max(l.number) from article_revision l where l.article_id = a.id)
                order by a.id""").query(rs -> {
            long id = rs.getLong("id");
            String content = rs.getString("content");
            if (content == null) {
                difference.accept("article " + id + " has no revision");
                return;
            }
            ArticleEdit last;
            try {
                last = ArticleEditing.readEdit(content);
            } catch (RuntimeException e) {
                difference.accept("article " + id + "'s revision " + rs.getInt("number") + " cannot be read (" + e.getMessage() + ")");
                return;
            }
            if (!Objects.equals(last.title(), rs.getString("title"))) {
                difference.accept("article " + id + "'s title differs from its last revision (" + rs.getInt("number") + ")");
            }
            if (!Objects.equals(last.bodyHtml(), rs.getString("body_html"))) {
                difference.accept("article " + id + "'s body differs from its last revision (" + rs.getInt("number") + ")");
            }
        });
    }

    /** Rows of {@code table} whose {@code column} names no row of {@code target}: the foreign keys should make these impossible. */
    private void orphans(Consumer<String> difference, String table, String column, String target) {
        long count = jdbc.sql("select count(*) from " + table + " t where not exists (select 1 from " + target + " x where x.id = t."
                + column + ")").query(Long.class).single();
        if (count > 0) {
            difference.accept(count + " rows of " + table + " name a " + target + " that does not exist (" + column + ")");
        }
    }
}
