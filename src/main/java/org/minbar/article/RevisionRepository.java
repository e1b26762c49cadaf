package org.minbar.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for revisions (every save) and autosaves (each user's unsaved typing). */
@Repository
class RevisionRepository {

    private final JdbcClient jdbc;

    RevisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertRevision(long articleId, String author, OffsetDateTime now, String note, String content) {
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from article_revision where article_id = ?")
                .param(articleId).query(Integer.class).single();
        jdbc.sql("insert into article_revision (article_id, number, author, saved_at, note, content) values (?, ?, ?, ?, ?, ?)")
                .params(articleId, number, author, now, note, content).update();
    }

    List<Revision> revisions(long articleId, Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_revision where article_id = ? order by number desc").param(articleId)
                .query((rs, n) -> revision(rs, read)).list();
    }

    Optional<Revision> revision(long articleId, int number, Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_revision where article_id = ? and number = ?").params(articleId, number)
                .query((rs, n) -> revision(rs, read)).optional();
    }

    private static Revision revision(ResultSet rs, Function<String, ArticleEdit> read) throws SQLException {
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

    Optional<Autosave> autosave(long articleId, String username, Function<String, ArticleEdit> read) {
        return jdbc.sql("select * from article_autosave where article_id = ? and username = ?").params(articleId, username)
                .query((rs, n) -> new Autosave(articleId, username, rs.getObject("saved_at", OffsetDateTime.class),
                        rs.getInt("base_version"), read.apply(rs.getString("content"))))
                .optional();
    }

    void deleteAutosave(long articleId, String username) {
        jdbc.sql("delete from article_autosave where article_id = ? and username = ?").params(articleId, username).update();
    }
}
