package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Plain SQL for articles as they are edited: the rows with their tags and contributors, statuses and slugs. */
@Repository
class ArticleRepository {

    private final JdbcClient jdbc;
    private final ContributorRepository contributorNames;

    ArticleRepository(JdbcClient jdbc, ContributorRepository contributors) {
        this.jdbc = jdbc;
        this.contributorNames = contributors;
    }

    Optional<Article> find(long id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /**
     * The articles with these ids, in the given order (unknown ids left out), in three queries per
     * 500 ids: the rows, then their tags, then their contributors. Each query returns its connection
     * before the next borrows one: a query issued from inside a row mapper would hold the row
     * query's connection while waiting for a second, and under load every pooled connection ends
     * up held by a request waiting for another (the pool deadlocks).
     */
    List<Article> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> rows = new LinkedHashMap<>();
        for (List<Long> batch : ArticleRows.batches(ids)) {
            jdbc.sql("select * from article where id in (:ids)").param("ids", batch)
                    .query((rs, n) -> ArticleRows.article(rs)).list().forEach(a -> rows.put(a.id(), a));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> tags = tagIds(rows.keySet());
        Map<Long, List<Contributor>> contributors = contributorsOf(rows.keySet());
        List<Article> ordered = new ArrayList<>();
        for (Long id : ids) {
            Article a = rows.get(id);
            if (a != null) {
                ordered.add(new Article(a.id(), a.slug(), a.title(), a.excerpt(), a.bodyHtml(), a.status(), a.sourceLabel(),
                        a.sectionId(), tags.getOrDefault(id, List.of()), contributors.getOrDefault(id, List.of()),
                        a.leadImageUrl(), a.leadImageAlt(), a.createdAt(), a.updatedAt(), a.publishedAt(), a.autoReadAlso(),
                        a.seoTitle(), a.seoDescription(), a.leadMediaId(), a.createdBy(), a.featuredAt(), a.version(),
                        a.modifiedAt()));
            }
        }
        return ordered;
    }

    Map<Long, List<Long>> tagIds(Collection<Long> articleIds) {
        Map<Long, List<Long>> tags = new HashMap<>();
        for (List<Long> batch : ArticleRows.batches(articleIds)) {
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

    /** {@code modifiedAt}: an imported article's modification date at its source, else null (see {@link Article#modifiedAt}). */
    long insertDraft(String slug, ArticleEdit edit, String excerpt, String body, String createdBy, OffsetDateTime now,
            OffsetDateTime modifiedAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into article (slug, title, excerpt, body_html, status, source_label, section_id,
                    lead_image_url, lead_image_alt, lead_media_id, seo_title, seo_description, auto_read_also,
                    created_by, created_at, updated_at, modified_at)
                values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(slug, edit.title(), excerpt, body, edit.sourceLabel(), edit.sectionId(), edit.leadImageUrl(),
                        edit.leadImageAlt(), edit.leadMediaId(), edit.seoTitle(), edit.seoDescription(), edit.autoReadAlso(),
                        createdBy, now, now, modifiedAt)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * False when the stored version is not {@code expectedVersion} (someone saved in between).
     * {@code modifiedAt}: the new editorial change time, or null when readers would see nothing new.
     */
    boolean update(long id, int expectedVersion, String slug, ArticleEdit edit, String excerpt, String body, OffsetDateTime now,
            OffsetDateTime modifiedAt) {
        return jdbc.sql("""
                update article set slug = :slug, title = :title, excerpt = :excerpt, body_html = :body, source_label = :source,
                    section_id = :section, lead_image_url = :leadUrl, lead_image_alt = :leadAlt, lead_media_id = :leadMedia,
                    seo_title = :seoTitle, seo_description = :seoDescription, auto_read_also = :autoReadAlso,
                    updated_at = :now, modified_at = coalesce(:modifiedAt, modified_at), version = version + 1
                where id = :id and version = :version""")
                .param("slug", slug).param("title", edit.title()).param("excerpt", excerpt).param("body", body)
                .param("source", edit.sourceLabel()).param("section", edit.sectionId()).param("leadUrl", edit.leadImageUrl())
                .param("leadAlt", edit.leadImageAlt()).param("leadMedia", edit.leadMediaId()).param("seoTitle", edit.seoTitle())
                .param("seoDescription", edit.seoDescription()).param("autoReadAlso", edit.autoReadAlso())
                .param("now", now).param("modifiedAt", modifiedAt).param("id", id).param("version", expectedVersion)
                .update() == 1;
    }

    void replaceTagsAndContributors(long id, List<Long> tagIds, List<Contributor> contributors) {
        jdbc.sql("delete from article_tag where article_id = ?").param(id).update();
        jdbc.sql("delete from article_contributor where article_id = ?").param(id).update();
        insertTags(id, tagIds);
        insertContributors(id, contributors);
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
            long contributorId = contributorNames.idFor(contributor.name().strip());
            for (ContributorRole role : contributor.roles().stream().distinct().toList()) {
                jdbc.sql("insert into article_contributor (article_id, contributor_id, role, position) values (?, ?, ?, ?)")
                        .params(articleId, contributorId, role.name(), position++).update();
            }
        }
    }

    /**
     * Moves the article to {@code to} if it is in one of {@code from}; false otherwise. A publish
     * raises modified_at to the publishing date if it is earlier (or unset): a published article's
     * reader-facing change date is then that one indexed column, and a republish of unchanged content
     * keeps the date of its last edit.
     */
    boolean transition(long id, Collection<ArticleStatus> from, ArticleStatus to, OffsetDateTime publishedAt, OffsetDateTime now) {
        return jdbc.sql("""
                update article set status = :to, published_at = coalesce(:publishedAt, published_at),
                    updated_at = :now, version = version + 1""" + (to == ArticleStatus.PUBLISHED ? """
                    , modified_at = case when modified_at > coalesce(:publishedAt, published_at) then modified_at
                        else coalesce(:publishedAt, published_at) end""" : "") + """

                where id = :id and status in (:from)""")
                .param("to", to.name()).param("publishedAt", publishedAt).param("now", now).param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    boolean publishScheduled(long id, OffsetDateTime now) {
        return jdbc.sql("""
                update article set status = 'PUBLISHED', updated_at = ?, version = version + 1,
                    modified_at = case when modified_at > published_at then modified_at else published_at end
                where id = ? and status = 'SCHEDULED' and published_at <= ?""")
                .params(now, id, now.plusSeconds(1)).update() == 1;
    }

    void delete(long id) {
        jdbc.sql("delete from article where id = ?").param(id).update();
    }

    void changeSlug(long id, String oldSlug, String newSlug, OffsetDateTime now) {
        jdbc.sql("delete from article_slug_history where article_id = ? and slug = ?").params(id, newSlug).update();
        if (jdbc.sql("select count(*) from article_slug_history where article_id = ? and slug = ?").params(id, oldSlug)
                .query(Integer.class).single() == 0) {
            jdbc.sql("insert into article_slug_history (slug, article_id) values (?, ?)").params(oldSlug, id).update();
        }
        jdbc.sql("update article set slug = ?, updated_at = ?, version = version + 1 where id = ?").params(newSlug, now, id).update();
    }

    /** The newest modified_at of any article (one index entry): an editorial save's stamp comes after it (see ArticleEditing). */
    Optional<OffsetDateTime> newestModified() {
        return jdbc.sql("select max(modified_at) from article").query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Sets or clears the featured mark; changes nothing else (not a revision: the content is the same). */
    boolean setFeatured(long id, OffsetDateTime featuredAt) {
        return jdbc.sql("update article set featured_at = ? where id = ? and "
                + (featuredAt == null ? "featured_at is not null" : "featured_at is null"))
                .params(featuredAt, id).update() > 0;
    }

    void setAutoReadAlso(long id, boolean enabled, OffsetDateTime now) {
        jdbc.sql("update article set auto_read_also = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(enabled, now, id).update();
    }

    /** Keyset on the primary key: each batch reads its own rows, however deep. */
    List<Long> idsAfter(long afterId, int limit) {
        return jdbc.sql("select id from article where id > ? order by id limit ?").params(afterId, limit).query(Long.class).list();
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
                        ArticleStatus.valueOf(rs.getString("status")), ArticleRows.nullableLong(rs, "section_id"),
                        rs.getString("created_by"), rs.getObject("updated_at", OffsetDateTime.class),
                        rs.getObject("published_at", OffsetDateTime.class)))
                .list();
    }

    /** Each article's contributors with their roles, in byline order. */
    private Map<Long, List<Contributor>> contributorsOf(Collection<Long> articleIds) {
        Map<Long, Map<String, List<ContributorRole>>> roles = new HashMap<>();
        for (List<Long> batch : ArticleRows.batches(articleIds)) {
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
        Map<Long, List<Contributor>> result = new HashMap<>();
        roles.forEach((id, byName) -> result.put(id,
                byName.entrySet().stream().map(e -> new Contributor(e.getKey(), e.getValue())).toList()));
        return result;
    }
}
