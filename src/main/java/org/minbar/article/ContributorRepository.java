package org.minbar.article;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Plain SQL for contributors: the people named in bylines, and their published articles. */
@Repository
class ContributorRepository {

    private final JdbcClient jdbc;

    ContributorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contributor's id, a new one for a name not seen before. */
    long idFor(String name) {
        return jdbc.sql("select id from contributor where name = ?").param(name).query(Long.class).optional()
                .orElseGet(() -> {
                    KeyHolder key = new GeneratedKeyHolder();
                    jdbc.sql("insert into contributor (name) values (?)").param(name).update(key, "id");
                    return key.getKey().longValue();
                });
    }

    List<ContributorCount> contributors(int limit, int offset) {
        return jdbc.sql("""
                select c.id, c.name, count(distinct a.id) as articles from contributor c
                join article_contributor ac on ac.contributor_id = c.id
                join article a on a.id = ac.article_id and %s
                group by c.id, c.name order by c.name, c.id limit ? offset ?""".formatted(ArticleRows.PUBLISHED))
                .params(limit, offset).query((rs, n) -> new ContributorCount(rs.getLong("id"), rs.getString("name"),
                        rs.getLong("articles"))).list();
    }

    long countContributors() {
        return jdbc.sql("""
                select count(distinct ac.contributor_id) from article_contributor ac
                join article a on a.id = ac.article_id and %s""".formatted(ArticleRows.PUBLISHED)).query(Long.class).single();
    }

    Optional<ContributorCount> contributor(long id) {
        return jdbc.sql("""
                select c.id, c.name, (select count(distinct a.id) from article_contributor ac join article a
                    on a.id = ac.article_id and %s where ac.contributor_id = c.id) as articles
                from contributor c where c.id = ?""".formatted(ArticleRows.PUBLISHED))
                .param(id).query((rs, n) -> new ContributorCount(rs.getLong("id"), rs.getString("name"),
                        rs.getLong("articles"))).optional();
    }

    List<ArticleSummary> byContributor(long contributorId, int limit, int offset) {
        return jdbc.sql(ArticleRows.SUMMARY_COLUMNS + "where " + ArticleRows.PUBLISHED
                + " and exists (select 1 from article_contributor ac where ac.article_id = a.id and ac.contributor_id = :c)"
                + ArticleRows.NEWEST_FIRST + " limit :limit offset :offset")
                .param("c", contributorId).param("limit", limit).param("offset", offset).query((rs, n) -> ArticleRows.summary(rs)).list();
    }
}
