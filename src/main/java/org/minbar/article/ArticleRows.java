package org.minbar.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the article repositories share: column lists, filters and row mappers. */
final class ArticleRows {

    static final String SUMMARY_COLUMNS =
            "select a.id, a.slug, a.title, a.excerpt, a.section_id, a.lead_image_url, a.lead_image_alt, a.published_at from article a ";
    static final String PUBLISHED = "a.status = 'PUBLISHED'";
    /**
     * {@link #PUBLISHED} in a form no index can serve, for reading a stretch of ids: H2 would walk the
     * status index instead of the key (950,000 rows at a million articles instead of 50,000).
     */
    static final String PUBLISHED_IN_ID_RANGE = "(case when a.status = 'PUBLISHED' then 1 else 0 end) = 1";
    static final String NEWEST_FIRST = " order by a.published_at desc, a.id desc";

    /** At most this many ids in one {@code in (...)} list. */
    private static final int IN_LIST_SIZE = 500;

    private ArticleRows() {
    }

    /** Ids in slices small enough for one {@code in (...)} list on H2 and PostgreSQL. */
    static List<List<Long>> batches(Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        List<List<Long>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_LIST_SIZE) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_SIZE)));
        }
        return batches;
    }

    static ArticleStamp stamp(ResultSet rs) throws SQLException {
        return new ArticleStamp(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), nullableLong(rs, "section_id"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getObject("modified_at", OffsetDateTime.class));
    }

    /** The article's own columns; tags and contributors are loaded afterwards (see {@link #findAll}), never from here. */
    static Article article(ResultSet rs) throws SQLException {
        return new Article(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("excerpt"),
                rs.getString("body_html"), ArticleStatus.valueOf(rs.getString("status")), rs.getString("source_label"),
                nullableLong(rs, "section_id"), List.of(), List.of(), rs.getString("lead_image_url"),
                rs.getString("lead_image_alt"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("published_at", OffsetDateTime.class),
                rs.getBoolean("auto_read_also"), rs.getString("seo_title"), rs.getString("seo_description"),
                nullableLong(rs, "lead_media_id"), rs.getString("created_by"),
                rs.getObject("featured_at", OffsetDateTime.class), rs.getInt("version"),
                rs.getObject("modified_at", OffsetDateTime.class));
    }

    static ArticleSummary summary(ResultSet rs) throws SQLException {
        return new ArticleSummary(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("excerpt"),
                nullableLong(rs, "section_id"), rs.getString("lead_image_url"), rs.getString("lead_image_alt"),
                rs.getObject("published_at", OffsetDateTime.class));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
