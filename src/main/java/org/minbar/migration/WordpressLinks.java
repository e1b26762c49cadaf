package org.minbar.migration;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.minbar.system.KeptCopies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where imported WordPress posts and attachments went: for re-runs and for old links. */
@Repository
class WordpressLinks {

    /** An imported post: its article, the hash of what was imported, and whether it was sticky. */
    record ImportedPost(long articleId, String contentHash, boolean sticky) {
    }

    private final JdbcClient jdbc;
    /** Minbar's own tag pages share WordPress's /tag/slug: every one asks, so the answers are kept. */
    private final KeptCopies copies = new KeptCopies();
    private final Cache<List<String>, Optional<Long>> terms = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();

    WordpressLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ImportedPost> post(String site, long postId) {
        return jdbc.sql("select article_id, content_hash, sticky from wordpress_post where site_url = ? and post_id = ?")
                .params(site, postId)
                .query((rs, n) -> new ImportedPost(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    void savePost(String site, long postId, long articleId, String hash, boolean sticky, OffsetDateTime now) {
        int updated = jdbc.sql("update wordpress_post set article_id = ?, content_hash = ?, sticky = ?, imported_at = ? "
                + "where site_url = ? and post_id = ?").params(articleId, hash, sticky, now, site, postId).update();
        if (updated == 0) {
            jdbc.sql("insert into wordpress_post (site_url, post_id, article_id, content_hash, sticky, imported_at) "
                    + "values (?, ?, ?, ?, ?, ?)").params(site, postId, articleId, hash, sticky, now).update();
        }
    }

    /** Makes {@code path} redirect to the article (a later import of the same path wins). */
    void savePath(String path, long articleId) {
        if (jdbc.sql("update wordpress_path set article_id = ? where path = ?").params(articleId, path).update() == 0) {
            jdbc.sql("insert into wordpress_path (path, article_id) values (?, ?)").params(path, articleId).update();
        }
    }

    Optional<Long> articleForPath(String path) {
        return jdbc.sql("select article_id from wordpress_path where path = ?").param(path).query(Long.class).optional();
    }

    /** The article of WordPress post {@code postId}; when several sites were imported, the latest import. */
    Optional<Long> articleForPostId(long postId) {
        return jdbc.sql("select article_id from wordpress_post where post_id = ? order by imported_at desc")
                .param(postId).query(Long.class).list().stream().findFirst();
    }

    /** Remembers that WordPress term {@code slug} ("category" or "post_tag") of the site became section or tag {@code targetId}. */
    void saveTerm(String site, String taxonomy, String slug, long targetId) {
        if (jdbc.sql("update wordpress_term set target_id = ? where site_url = ? and taxonomy = ? and slug = ?")
                .params(targetId, site, taxonomy, slug).update() == 0) {
            jdbc.sql("insert into wordpress_term (site_url, taxonomy, slug, target_id) values (?, ?, ?, ?)")
                    .params(site, taxonomy, slug, targetId).update();
        }
        copies.changed(() -> terms.invalidate(List.of(taxonomy, slug)));
    }

    /** The section or tag that WordPress term {@code slug} became; when several sites had it, any of them. */
    Optional<Long> term(String taxonomy, String slug) {
        List<String> key = List.of(taxonomy, slug);
        return copies.kept(() -> terms.getIfPresent(key),
                () -> jdbc.sql("select target_id from wordpress_term where taxonomy = ? and slug = ? order by site_url")
                        .params(taxonomy, slug).query(Long.class).list().stream().findFirst(),
                found -> terms.put(key, found));
    }

    Optional<String> mediaUrl(String site, String uploadPath) {
        return jdbc.sql("select media_url from wordpress_media where site_url = ? and upload_path = ?")
                .params(site, uploadPath).query(String.class).optional();
    }

    void saveMedia(String site, String uploadPath, long mediaId, String mediaUrl) {
        jdbc.sql("insert into wordpress_media (site_url, upload_path, media_id, media_url) values (?, ?, ?, ?)")
                .params(site, uploadPath, mediaId, mediaUrl).update();
    }

    long countPosts() {
        return jdbc.sql("select count(*) from wordpress_post").query(Long.class).single();
    }
}
