package org.minbar.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Plain SQL for articles, their tags, contributors and old slugs. */
@Repository
class ArticleRepository {

    private static final String SUMMARY_COLUMNS =
            "select a.id, a.slug, a.title, a.excerpt, a.section_id, a.lead_image_url, a.lead_image_alt, a.published_at from article a ";
    private static final String PUBLISHED = "a.status = 'PUBLISHED'";
    private static final String NEWEST_FIRST = " order by a.published_at desc, a.id desc";

    /** At most this many ids in one {@code in (...)} list. */
    private static final int IN_LIST_SIZE = 500;

    private final JdbcClient jdbc;

    ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String slug, String title, String excerpt, String body, ArticleStatus status, String sourceLabel,
            Long sectionId, String leadImageUrl, String leadImageAlt, OffsetDateTime now, OffsetDateTime publishedAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into article (slug, title, excerpt, body_html, status, source_label, section_id,
                    lead_image_url, lead_image_alt, created_at, updated_at, published_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(slug, title, excerpt, body, status.name(), sourceLabel, sectionId, leadImageUrl, leadImageAlt,
                        now, now, publishedAt)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void insertTags(long articleId, List<Long> tagIds) {
        int position = 0;
        for (Long tagId : tagIds.stream().distinct().toList()) {
            jdbc.sql("insert into article_tag (article_id, tag_id, position) values (?, ?, ?)")
                    .params(articleId, tagId, position++).update();
        }
    }

    void insertContributors(long articleId, List<Contributor> contributors) {
        int position = 0;
        for (Contributor contributor : contributors) {
            long contributorId = contributorId(contributor.name().strip());
            for (ContributorRole role : contributor.roles().stream().distinct().toList()) {
                jdbc.sql("insert into article_contributor (article_id, contributor_id, role, position) values (?, ?, ?, ?)")
                        .params(articleId, contributorId, role.name(), position++).update();
            }
        }
    }

    private long contributorId(String name) {
        return jdbc.sql("select id from contributor where name = ?").param(name).query(Long.class).optional()
                .orElseGet(() -> {
                    KeyHolder key = new GeneratedKeyHolder();
                    jdbc.sql("insert into contributor (name) values (?)").param(name).update(key, "id");
                    return key.getKey().longValue();
                });
    }

    Optional<Article> find(long id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /**
     * The articles with these ids, in the given order (unknown ids left out), in three queries: the
     * rows, then all their tags, then all their contributors. Each query returns its connection
     * before the next borrows one: a query issued from inside a row mapper would hold the row
     * query's connection while waiting for a second, and under load every pooled connection ends
     * up held by a request waiting for another (the pool deadlocks).
     */
    List<Article> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> rows = new LinkedHashMap<>();
        for (List<Long> batch : batches(ids)) {
            jdbc.sql("select * from article where id in (:ids)").param("ids", batch)
                    .query((rs, n) -> article(rs)).list().forEach(a -> rows.put(a.id(), a));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> tags = tagIds(rows.keySet());
        Map<Long, List<Contributor>> contributors = contributors(rows.keySet());
        List<Article> ordered = new ArrayList<>();
        for (Long id : ids) {
            Article a = rows.get(id);
            if (a != null) {
                ordered.add(new Article(a.id(), a.slug(), a.title(), a.excerpt(), a.bodyHtml(), a.status(), a.sourceLabel(),
                        a.sectionId(), tags.getOrDefault(id, List.of()), contributors.getOrDefault(id, List.of()),
                        a.leadImageUrl(), a.leadImageAlt(), a.createdAt(), a.updatedAt(), a.publishedAt(), a.autoReadAlso(),
                        a.seoTitle(), a.seoDescription(), a.leadMediaId(), a.createdBy(), a.featuredAt(), a.version()));
            }
        }
        return ordered;
    }

    /** Ids in slices small enough for one {@code in (...)} list on H2 and PostgreSQL. */
    private static List<List<Long>> batches(Collection<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        List<List<Long>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_LIST_SIZE) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_SIZE)));
        }
        return batches;
    }

    Optional<Long> publishedIdWithSlug(String slug) {
        return jdbc.sql("select a.id from article a where a.slug = ? and " + PUBLISHED + NEWEST_FIRST)
                .param(slug).query(Long.class).list().stream().findFirst()
                .or(() -> jdbc.sql("select a.id from article_slug_history h join article a on a.id = h.article_id where h.slug = ? and "
                        + PUBLISHED + NEWEST_FIRST).param(slug).query(Long.class).list().stream().findFirst());
    }

    Optional<Long> idWithTitle(String title) {
        return jdbc.sql("select a.id from article a where a.title = ? and " + PUBLISHED + NEWEST_FIRST)
                .param(title).query(Long.class).list().stream().findFirst();
    }

    List<ArticleSummary> page(Long sectionId, Long tagId, int limit, int offset) {
        return jdbc.sql(SUMMARY_COLUMNS + "where " + PUBLISHED + filters(sectionId, tagId) + NEWEST_FIRST + " limit :limit offset :offset")
                .param("section", sectionId).param("tag", tagId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> summary(rs)).list();
    }

    long count(Long sectionId, Long tagId) {
        return jdbc.sql("select count(*) from article a where " + PUBLISHED + filters(sectionId, tagId))
                .param("section", sectionId).param("tag", tagId).query(Long.class).single();
    }

    private static String filters(Long sectionId, Long tagId) {
        return (sectionId == null ? "" : " and a.section_id = :section")
                + (tagId == null ? "" : " and exists (select 1 from article_tag t where t.article_id = a.id and t.tag_id = :tag)");
    }

    List<ArticleSummary> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ArticleSummary> byId = new LinkedHashMap<>();
        jdbc.sql(SUMMARY_COLUMNS + "where " + PUBLISHED + " and a.id in (:ids)").param("ids", ids)
                .query((rs, n) -> summary(rs)).list().forEach(s -> byId.put(s.id(), s));
        List<ArticleSummary> ordered = new ArrayList<>();
        ids.forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    /** Newest published articles sharing the section or a tag; more shared tags first. */
    List<ArticleSummary> sharingSectionOrTags(long articleId, Long sectionId, List<Long> tagIds, int limit) {
        List<Long> tags = tagIds.isEmpty() ? List.of(-1L) : tagIds;
        return jdbc.sql(SUMMARY_COLUMNS + """
                where %s and a.id <> :id
                  and (a.section_id = :section or exists (select 1 from article_tag t where t.article_id = a.id and t.tag_id in (:tags)))
                order by (select count(*) from article_tag t where t.article_id = a.id and t.tag_id in (:tags)) desc,
                         a.published_at desc, a.id desc
                limit :limit""".formatted(PUBLISHED))
                .param("id", articleId).param("section", sectionId).param("tags", tags).param("limit", limit)
                .query((rs, n) -> summary(rs)).list();
    }

    void changeSlug(long id, String oldSlug, String newSlug, OffsetDateTime now) {
        jdbc.sql("delete from article_slug_history where article_id = ? and slug = ?").params(id, newSlug).update();
        if (jdbc.sql("select count(*) from article_slug_history where article_id = ? and slug = ?").params(id, oldSlug)
                .query(Integer.class).single() == 0) {
            jdbc.sql("insert into article_slug_history (slug, article_id) values (?, ?)").params(oldSlug, id).update();
        }
        jdbc.sql("update article set slug = ?, updated_at = ?, version = version + 1 where id = ?").params(newSlug, now, id).update();
    }

    /** True when the article was published (and now is not). */
    boolean unpublish(long id, OffsetDateTime now) {
        return jdbc.sql("update article set status = 'UNPUBLISHED', updated_at = ?, version = version + 1 where id = ? and status = 'PUBLISHED'")
                .params(now, id).update() > 0;
    }

    /** Sets or clears the featured mark; changes nothing else (not a revision: the content is the same). */
    boolean setFeatured(long id, OffsetDateTime featuredAt) {
        return jdbc.sql("update article set featured_at = ? where id = ? and "
                + (featuredAt == null ? "featured_at is not null" : "featured_at is null"))
                .params(featuredAt, id).update() > 0;
    }

    /** Published featured articles, the most recently featured first. */
    List<ArticleSummary> featured(int limit) {
        return jdbc.sql(SUMMARY_COLUMNS + "where " + PUBLISHED + " and a.featured_at is not null"
                + " order by a.featured_at desc, a.id desc limit :limit").param("limit", limit)
                .query((rs, n) -> summary(rs)).list();
    }

    List<Long> publishedIdsAfter(long afterId, int limit) {
        return jdbc.sql("select a.id from article a where " + PUBLISHED + " and a.id > ? order by a.id limit ?")
                .params(afterId, limit).query(Long.class).list();
    }

    List<Long> idsUpdatedSince(OffsetDateTime since) {
        return jdbc.sql("select id from article where updated_at >= ? order by id").param(since).query(Long.class).list();
    }

    void setAutoReadAlso(long id, boolean enabled, OffsetDateTime now) {
        jdbc.sql("update article set auto_read_also = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(enabled, now, id).update();
    }

    Map<Long, List<Long>> tagIds(Collection<Long> articleIds) {
        Map<Long, List<Long>> tags = new java.util.HashMap<>();
        for (List<Long> batch : batches(articleIds)) {
            jdbc.sql("select article_id, tag_id from article_tag where article_id in (:ids) order by article_id, position")
                    .param("ids", batch)
                    .query(rs -> {
                        tags.computeIfAbsent(rs.getLong("article_id"), k -> new ArrayList<>()).add(rs.getLong("tag_id"));
                    });
        }
        return tags;
    }

    long countAll() {
        return jdbc.sql("select count(*) from article").query(Long.class).single();
    }

    // ---------------------------------------------------------------- newsroom

    long insertDraft(String slug, ArticleEdit edit, String excerpt, String body, String createdBy, OffsetDateTime now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into article (slug, title, excerpt, body_html, status, source_label, section_id,
                    lead_image_url, lead_image_alt, lead_media_id, seo_title, seo_description, auto_read_also,
                    created_by, created_at, updated_at)
                values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(slug, edit.title(), excerpt, body, edit.sourceLabel(), edit.sectionId(), edit.leadImageUrl(),
                        edit.leadImageAlt(), edit.leadMediaId(), edit.seoTitle(), edit.seoDescription(), edit.autoReadAlso(),
                        createdBy, now, now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** False when the stored version is not {@code expectedVersion} (someone saved in between). */
    boolean update(long id, int expectedVersion, String slug, ArticleEdit edit, String excerpt, String body, OffsetDateTime now) {
        return jdbc.sql("""
                update article set slug = ?, title = ?, excerpt = ?, body_html = ?, source_label = ?, section_id = ?,
                    lead_image_url = ?, lead_image_alt = ?, lead_media_id = ?, seo_title = ?, seo_description = ?,
                    auto_read_also = ?, updated_at = ?, version = version + 1
                where id = ? and version = ?""")
                .params(slug, edit.title(), excerpt, body, edit.sourceLabel(), edit.sectionId(), edit.leadImageUrl(),
                        edit.leadImageAlt(), edit.leadMediaId(), edit.seoTitle(), edit.seoDescription(), edit.autoReadAlso(),
                        now, id, expectedVersion)
                .update() == 1;
    }

    void replaceTagsAndContributors(long id, List<Long> tagIds, List<Contributor> contributors) {
        jdbc.sql("delete from article_tag where article_id = ?").param(id).update();
        jdbc.sql("delete from article_contributor where article_id = ?").param(id).update();
        insertTags(id, tagIds);
        insertContributors(id, contributors);
    }

    /** Moves the article to {@code to} if it is in one of {@code from}; false otherwise. */
    boolean transition(long id, List<ArticleStatus> from, ArticleStatus to, OffsetDateTime publishedAt, OffsetDateTime now) {
        return jdbc.sql("""
                update article set status = :to, published_at = coalesce(:publishedAt, published_at),
                    updated_at = :now, version = version + 1
                where id = :id and status in (:from)""")
                .param("to", to.name()).param("publishedAt", publishedAt).param("now", now).param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    boolean publishScheduled(long id, OffsetDateTime now) {
        return jdbc.sql("""
                update article set status = 'PUBLISHED', updated_at = ?, version = version + 1
                where id = ? and status = 'SCHEDULED' and published_at <= ?""")
                .params(now, id, now.plusSeconds(1)).update() == 1;
    }

    void delete(long id) {
        jdbc.sql("delete from article where id = ?").param(id).update();
    }

    void insertRevision(long articleId, String author, OffsetDateTime now, String note, String content) {
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from article_revision where article_id = ?")
                .param(articleId).query(Integer.class).single();
        jdbc.sql("insert into article_revision (article_id, number, author, saved_at, note, content) values (?, ?, ?, ?, ?, ?)")
                .params(articleId, number, author, now, note, content).update();
    }

    List<Revision> revisions(long articleId, java.util.function.Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_revision where article_id = ? order by number desc").param(articleId)
                .query((rs, n) -> revision(rs, read)).list();
    }

    Optional<Revision> revision(long articleId, int number, java.util.function.Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_revision where article_id = ? and number = ?").params(articleId, number)
                .query((rs, n) -> revision(rs, read)).optional();
    }

    private static Revision revision(ResultSet rs, java.util.function.Function<String, ArticleEdit> read) throws SQLException {
        return new Revision(rs.getLong("article_id"), rs.getInt("number"), rs.getString("author"),
                rs.getObject("saved_at", OffsetDateTime.class), rs.getString("note"), read.apply(rs.getString("content")));
    }

    void saveAutosave(long articleId, String username, OffsetDateTime now, int baseVersion, String content) {
        int updated = jdbc.sql("update article_autosave set saved_at = ?, base_version = ?, content = ? where article_id = ? and username = ?")
                .params(now, baseVersion, content, articleId, username).update();
        if (updated == 0) {
            jdbc.sql("insert into article_autosave (article_id, username, saved_at, base_version, content) values (?, ?, ?, ?, ?)")
                    .params(articleId, username, now, baseVersion, content).update();
        }
    }

    Optional<Autosave> autosave(long articleId, String username, java.util.function.Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_autosave where article_id = ? and username = ?").params(articleId, username)
                .query((rs, n) -> new Autosave(articleId, username, rs.getObject("saved_at", OffsetDateTime.class),
                        rs.getInt("base_version"), read.apply(rs.getString("content"))))
                .optional();
    }

    void deleteAutosave(long articleId, String username) {
        jdbc.sql("delete from article_autosave where article_id = ? and username = ?").params(articleId, username).update();
    }

    List<NewsroomRow> newsroomList(ArticleStatus status, Long sectionId, String createdBy, String titleQuery, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (status != null) {
            where.append(" and status = :status");
        }
        if (sectionId != null) {
            where.append(" and section_id = :section");
        }
        if (createdBy != null) {
            where.append(" and created_by = :author");
        }
        if (titleQuery != null) {
            where.append(" and lower(title) like :title escape '\\'");
        }
        return jdbc.sql("select id, title, status, section_id, created_by, updated_at, published_at from article" + where
                        + " order by updated_at desc, id desc limit :limit offset :offset")
                .param("status", status == null ? null : status.name()).param("section", sectionId).param("author", createdBy)
                .param("title", titleQuery == null ? null : "%" + titleQuery.toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new NewsroomRow(rs.getLong("id"), rs.getString("title"),
                        ArticleStatus.valueOf(rs.getString("status")), nullableLong(rs, "section_id"),
                        rs.getString("created_by"), rs.getObject("updated_at", OffsetDateTime.class),
                        rs.getObject("published_at", OffsetDateTime.class)))
                .list();
    }

    List<ArticleStamp> stamps(int offset, int limit) {
        return jdbc.sql("select a.id, a.slug, a.title, a.section_id, a.published_at, a.updated_at from article a where "
                + PUBLISHED + " order by a.id limit ? offset ?").params(limit, offset).query((rs, n) -> stamp(rs)).list();
    }

    List<ArticleStamp> stampsPublishedSince(OffsetDateTime since, int limit) {
        return jdbc.sql("select a.id, a.slug, a.title, a.section_id, a.published_at, a.updated_at from article a where "
                + PUBLISHED + " and a.published_at >= ?" + NEWEST_FIRST + " limit ?").params(since, limit)
                .query((rs, n) -> stamp(rs)).list();
    }

    Optional<OffsetDateTime> lastChange() {
        // max() of no rows is one null row
        return jdbc.sql("select max(updated_at) from article").query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    Map<Long, OffsetDateTime> lastChangeBySection() {
        Map<Long, OffsetDateTime> result = new java.util.HashMap<>();
        jdbc.sql("select a.section_id, max(a.updated_at) as changed from article a where " + PUBLISHED
                + " and a.section_id is not null group by a.section_id")
                .query(rs -> { result.put(rs.getLong("section_id"), rs.getObject("changed", OffsetDateTime.class)); });
        return result;
    }

    Map<Long, OffsetDateTime> lastChangeByTag() {
        Map<Long, OffsetDateTime> result = new java.util.HashMap<>();
        jdbc.sql("select t.tag_id, max(a.updated_at) as changed from article a join article_tag t on t.article_id = a.id where "
                + PUBLISHED + " group by t.tag_id")
                .query(rs -> { result.put(rs.getLong("tag_id"), rs.getObject("changed", OffsetDateTime.class)); });
        return result;
    }

    List<ContributorCount> contributors(int limit, int offset) {
        return jdbc.sql("""
                select c.id, c.name, count(distinct a.id) as articles from contributor c
                join article_contributor ac on ac.contributor_id = c.id
                join article a on a.id = ac.article_id and %s
                group by c.id, c.name order by c.name, c.id limit ? offset ?""".formatted(PUBLISHED))
                .params(limit, offset).query((rs, n) -> new ContributorCount(rs.getLong("id"), rs.getString("name"),
                        rs.getLong("articles"))).list();
    }

    long countContributors() {
        return jdbc.sql("""
                select count(distinct ac.contributor_id) from article_contributor ac
                join article a on a.id = ac.article_id and %s""".formatted(PUBLISHED)).query(Long.class).single();
    }

    Optional<ContributorCount> contributor(long id) {
        return jdbc.sql("""
                select c.id, c.name, (select count(distinct a.id) from article_contributor ac join article a
                    on a.id = ac.article_id and %s where ac.contributor_id = c.id) as articles
                from contributor c where c.id = ?""".formatted(PUBLISHED))
                .param(id).query((rs, n) -> new ContributorCount(rs.getLong("id"), rs.getString("name"),
                        rs.getLong("articles"))).optional();
    }

    List<ArticleSummary> byContributor(long contributorId, int limit, int offset) {
        return jdbc.sql(SUMMARY_COLUMNS + "where " + PUBLISHED
                + " and exists (select 1 from article_contributor ac where ac.article_id = a.id and ac.contributor_id = :c)"
                + NEWEST_FIRST + " limit :limit offset :offset")
                .param("c", contributorId).param("limit", limit).param("offset", offset).query((rs, n) -> summary(rs)).list();
    }

    private static ArticleStamp stamp(ResultSet rs) throws SQLException {
        return new ArticleStamp(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), nullableLong(rs, "section_id"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** The article's own columns; tags and contributors are loaded afterwards (see {@link #findAll}), never from here. */
    private static Article article(ResultSet rs) throws SQLException {
        return new Article(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("excerpt"),
                rs.getString("body_html"), ArticleStatus.valueOf(rs.getString("status")), rs.getString("source_label"),
                nullableLong(rs, "section_id"), List.of(), List.of(), rs.getString("lead_image_url"),
                rs.getString("lead_image_alt"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("published_at", OffsetDateTime.class),
                rs.getBoolean("auto_read_also"), rs.getString("seo_title"), rs.getString("seo_description"),
                nullableLong(rs, "lead_media_id"), rs.getString("created_by"),
                rs.getObject("featured_at", OffsetDateTime.class), rs.getInt("version"));
    }

    /** Each article's contributors with their roles, in byline order. */
    private Map<Long, List<Contributor>> contributors(Collection<Long> articleIds) {
        Map<Long, Map<String, List<ContributorRole>>> roles = new java.util.HashMap<>();
        for (List<Long> batch : batches(articleIds)) {
            jdbc.sql("""
                    select ac.article_id, c.name, ac.role from article_contributor ac join contributor c on c.id = ac.contributor_id
                    where ac.article_id in (:ids) order by ac.article_id, ac.position""")
                    .param("ids", batch)
                    .query(rs -> {
                        roles.computeIfAbsent(rs.getLong("article_id"), k -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getString("name"), k -> new ArrayList<>())
                                .add(ContributorRole.valueOf(rs.getString("role")));
                    });
        }
        Map<Long, List<Contributor>> result = new java.util.HashMap<>();
        roles.forEach((id, byName) -> result.put(id,
                byName.entrySet().stream().map(e -> new Contributor(e.getKey(), e.getValue())).toList()));
        return result;
    }

    private static ArticleSummary summary(ResultSet rs) throws SQLException {
        return new ArticleSummary(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("excerpt"),
                nullableLong(rs, "section_id"), rs.getString("lead_image_url"), rs.getString("lead_image_alt"),
                rs.getObject("published_at", OffsetDateTime.class));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
