package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for what readers see: published articles' summaries, lists, addresses and change times. */
@Repository
class PublishedArticleQueries {

    private final JdbcClient jdbc;

    PublishedArticleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> publishedIdWithSlug(String slug) {
        return jdbc.sql("select a.id from article a where a.slug = ? and " + ArticleRows.PUBLISHED + ArticleRows.NEWEST_FIRST)
                .param(slug).query(Long.class).list().stream().findFirst()
                .or(() -> jdbc.sql("select a.id from article_slug_history h join article a on a.id = h.article_id where h.slug = ? and "
                        + ArticleRows.PUBLISHED + ArticleRows.NEWEST_FIRST).param(slug).query(Long.class).list().stream().findFirst());
    }

    /**
     * The article's section id (null when it has none) and when readers last saw it change (null when
     * never published); empty when there is no such article.
     */
    Optional<Map.Entry<Long, OffsetDateTime>> sectionAndChange(long id) {
        return jdbc.sql("select section_id, " + READER_CHANGE + " as changed from article a where id = ?").param(id)
                .<Map.Entry<Long, OffsetDateTime>>query((rs, n) -> new java.util.AbstractMap.SimpleImmutableEntry<>(
                        rs.getObject("section_id") == null ? null : rs.getLong("section_id"),
                        rs.getObject("changed", OffsetDateTime.class)))
                .list().stream().findFirst();
    }

    /**
     * When readers last saw an article change (Article.readerModifiedAt in SQL): its modified_at,
     * never before its published_at; null for an article never published.
     */
    static final String READER_CHANGE =
            "(case when a.modified_at > a.published_at then a.modified_at else a.published_at end)";

    Optional<Long> idWithTitle(String title) {
        return jdbc.sql("select a.id from article a where a.title = ? and " + ArticleRows.PUBLISHED + ArticleRows.NEWEST_FIRST)
                .param(title).query(Long.class).list().stream().findFirst();
    }

    List<ArticleSummary> page(Long sectionId, Long tagId, int limit, int offset) {
        return jdbc.sql(ArticleRows.SUMMARY_COLUMNS + "where " + ArticleRows.PUBLISHED + filters(sectionId, tagId) + ArticleRows.NEWEST_FIRST + " limit :limit offset :offset")
                .param("section", sectionId).param("tag", tagId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> ArticleRows.summary(rs)).list();
    }

    /** Keyset, not OFFSET: the page after the article published at {@code at} with id {@code id}, newest first. */
    List<ArticleSummary> pageOlderThan(Long sectionId, Long tagId, OffsetDateTime at, long id, int limit) {
        return jdbc.sql(ArticleRows.SUMMARY_COLUMNS + "where " + ArticleRows.PUBLISHED + filters(sectionId, tagId)
                        + " and (a.published_at < :at or (a.published_at = :at and a.id < :id))" + ArticleRows.NEWEST_FIRST + " limit :limit")
                .param("section", sectionId).param("tag", tagId).param("at", at).param("id", id).param("limit", limit)
                .query((rs, n) -> ArticleRows.summary(rs)).list();
    }

    long count(Long sectionId, Long tagId) {
        return jdbc.sql("select count(*) from article a where " + ArticleRows.PUBLISHED + filters(sectionId, tagId))
                .param("section", sectionId).param("tag", tagId).query(Long.class).single();
    }

    private static String filters(Long sectionId, Long tagId) {
        return (sectionId == null ? "" : " and a.section_id = :section")
                + (tagId == null ? "" : " and exists (select 1 from article_tag t where t.article_id = a.id and t.tag_id = :tag)");
    }

    /** Which of these ids are published articles' (ids are asked 1,000 at a time, one query each). */
    Set<Long> publishedAmong(Collection<Long> ids) {
        Set<Long> published = new HashSet<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1_000) {
            published.addAll(jdbc.sql("select a.id from article a where " + ArticleRows.PUBLISHED + " and a.id in (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1_000))).query(Long.class).list());
        }
        return published;
    }

    List<ArticleSummary> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ArticleSummary> byId = new LinkedHashMap<>();
        jdbc.sql(ArticleRows.SUMMARY_COLUMNS + "where " + ArticleRows.PUBLISHED + " and a.id in (:ids)").param("ids", ids)
                .query((rs, n) -> ArticleRows.summary(rs)).list().forEach(s -> byId.put(s.id(), s));
        List<ArticleSummary> ordered = new ArrayList<>();
        ids.forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    /** Newest published articles sharing the section or a tag; more shared tags first. */
    List<ArticleSummary> sharingSectionOrTags(long articleId, Long sectionId, List<Long> tagIds, int limit) {
        List<Long> tags = tagIds.isEmpty() ? List.of(-1L) : tagIds;
        return jdbc.sql(ArticleRows.SUMMARY_COLUMNS + """
                where %s and a.id <> :id
                  and (a.section_id = :section or exists (select 1 from article_tag t where t.article_id = a.id and t.tag_id in (:tags)))
                order by (select count(*) from article_tag t where t.article_id = a.id and t.tag_id in (:tags)) desc,
                         a.published_at desc, a.id desc
                limit :limit""".formatted(ArticleRows.PUBLISHED))
                .param("id", articleId).param("section", sectionId).param("tags", tags).param("limit", limit)
                .query((rs, n) -> ArticleRows.summary(rs)).list();
    }

    /** Published featured articles, the most recently featured first. */
    List<ArticleSummary> featured(int limit) {
        return jdbc.sql(ArticleRows.SUMMARY_COLUMNS + "where " + ArticleRows.PUBLISHED + " and a.featured_at is not null"
                + " order by a.featured_at desc, a.id desc limit :limit").param("limit", limit)
                .query((rs, n) -> ArticleRows.summary(rs)).list();
    }

    List<Long> publishedIdsAfter(long afterId, int limit) {
        return jdbc.sql("select a.id from article a where " + ArticleRows.PUBLISHED + " and a.id > ? order by a.id limit ?")
                .params(afterId, limit).query(Long.class).list();
    }

    /** Ids and versions of published articles above {@code afterId}, ascending. */
    java.util.LinkedHashMap<Long, Integer> publishedVersionsAfter(long afterId, int limit) {
        java.util.LinkedHashMap<Long, Integer> versions = new java.util.LinkedHashMap<>();
        jdbc.sql("select a.id, a.version from article a where " + ArticleRows.PUBLISHED + " and a.id > ? order by a.id limit ?")
                .params(afterId, limit).query(rs -> {
                    versions.put(rs.getLong(1), rs.getInt(2));
                });
        return versions;
    }

    List<Long> idsUpdatedSince(OffsetDateTime since) {
        return jdbc.sql("select id from article where updated_at >= ? order by id").param(since).query(Long.class).list();
    }

    /** Keyset, not OFFSET: a deep sitemap page reads its own rows only. */
    List<ArticleStamp> stampsBetween(long firstId, long lastId) {
        return jdbc.sql("select a.id, a.slug, a.title, a.section_id, a.published_at, a.modified_at from article a where "
                + "a.id between ? and ? and " + ArticleRows.PUBLISHED_IN_ID_RANGE + " order by a.id").params(firstId, lastId)
                .query((rs, n) -> ArticleRows.stamp(rs)).list();
    }

    private static final String RANGE_CHANGE = "max" + READER_CHANGE;

    /** {@code size} is a validated setting (1 to 50,000), written into the statement as a number. */
    List<PublishedIdRange> idRanges(int size) {
        return jdbc.sql("select (a.id - 1) / %d as range_index, count(*) as articles, %s as changed from article a where %s group by range_index order by range_index"
                        .formatted(size, RANGE_CHANGE, ArticleRows.PUBLISHED))
                .query((rs, n) -> new PublishedIdRange(rs.getInt("range_index") + 1, rs.getLong("articles"),
                        rs.getObject("changed", OffsetDateTime.class))).list();
    }

    /** Range {@code number} (ids {@code (number - 1) * size + 1} to {@code number * size}): a scan of that stretch of the key. */
    PublishedIdRange idRange(int number, int size) {
        long first = (long) (number - 1) * size + 1;
        return jdbc.sql("select count(*) as articles, %s as changed from article a where a.id between ? and ? and %s"
                        .formatted(RANGE_CHANGE, ArticleRows.PUBLISHED_IN_ID_RANGE)).params(first, first + size - 1)
                .query((rs, n) -> new PublishedIdRange(number, rs.getLong("articles"), rs.getObject("changed", OffsetDateTime.class)))
                .single();
    }

    List<ArticleStamp> stampsPublishedSince(OffsetDateTime since, int limit) {
        return jdbc.sql("select a.id, a.slug, a.title, a.section_id, a.published_at, a.modified_at from article a where "
                + ArticleRows.PUBLISHED + " and a.published_at >= ?" + ArticleRows.NEWEST_FIRST + " limit ?").params(since, limit)
                .query((rs, n) -> ArticleRows.stamp(rs)).list();
    }

    /**
     * When readers last saw any published article change: published articles' modified_at is never
     * before their published_at (set so at publish), so the index's last published entry answers.
     */
    Optional<OffsetDateTime> lastReaderChange() {
        return jdbc.sql("select max(a.modified_at) from article a where " + ArticleRows.PUBLISHED)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    static final String LAST_CHANGE = "select max(updated_at) from article";

    Optional<OffsetDateTime> lastChange() {
        // max() of no rows is one null row
        return jdbc.sql(LAST_CHANGE).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    Map<Long, OffsetDateTime> lastChangeBySection() {
        Map<Long, OffsetDateTime> result = new HashMap<>();
        jdbc.sql("select a.section_id, max" + READER_CHANGE + " as changed from article a where " + ArticleRows.PUBLISHED
                + " and a.section_id is not null group by a.section_id")
                .query(rs -> { result.put(rs.getLong("section_id"), rs.getObject("changed", OffsetDateTime.class)); });
        return result;
    }

    Map<Long, OffsetDateTime> lastChangeByTag() {
        Map<Long, OffsetDateTime> result = new HashMap<>();
        jdbc.sql("select t.tag_id, max" + READER_CHANGE + " as changed from article a join article_tag t on t.article_id = a.id where "
                + ArticleRows.PUBLISHED + " group by t.tag_id")
                .query(rs -> { result.put(rs.getLong("tag_id"), rs.getObject("changed", OffsetDateTime.class)); });
        return result;
    }
}
