package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * An upgrade from the first released schema (V1) with rows in it to the latest, as Flyway runs it when
 * a new jar starts on an old database: every migration applies, and the rows of V1 are still there,
 * with the columns later migrations added filled as the code expects.
 */
abstract class SchemaUpgradeContract {

    /** A new, empty database: JDBC URL, user, password. */
    abstract String[] database();

    private static Flyway flyway(String[] db, String target) {
        var config = Flyway.configure().dataSource(db[0], db[1], db[2]).locations("classpath:db/migration");
        if (target != null) {
            config.target(MigrationVersion.fromVersion(target));
        }
        return config.load();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).as(sql).isTrue();
            return r.getString(1);
        }
    }

    @Test
    void aDatabaseOfTheFirstSchemaUpgradesToTheLatestWithItsRows() throws SQLException {
        String[] db = database();
        assertThat(flyway(db, "1").migrate().targetSchemaVersion).isEqualTo("1");
        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]); Statement s = c.createStatement()) {
            s.execute("insert into minbar_setting (name, setting_value) values ('site.name', 'منبر التجريبي')");
            s.execute("insert into section (id, slug, name, kind, position) values (1, 'news', 'أخبار', 'NEWS', 1)");
            s.execute("insert into section (id, slug, name, parent_id, kind, position) values (2, 'local', 'محليات', 1, 'NEWS', 2)");
            s.execute("insert into tag (id, slug, name) values (1, 'economy', 'اقتصاد')");
            s.execute("insert into contributor (id, name) values (1, 'سلمى الراشد')");
            s.execute("insert into article (id, slug, title, excerpt, body_html, status, section_id, created_at, updated_at, published_at)"
                    + " values (1, 'first', 'العنوان الأول', 'مقتطف', '<p>نص المقال</p>', 'PUBLISHED', 2,"
                    + " timestamp with time zone '2024-01-02 10:00:00+00', timestamp with time zone '2024-01-02 11:00:00+00',"
                    + " timestamp with time zone '2024-01-02 12:00:00+00')");
            s.execute("insert into article (id, slug, title, body_html, status, created_at, updated_at)"
                    + " values (2, 'draft', 'مسودة', '<p>لم تنشر</p>', 'DRAFT', current_timestamp, current_timestamp)");
            s.execute("insert into article_slug_history (slug, article_id) values ('old-first', 1)");
            s.execute("insert into article_tag (article_id, tag_id, position) values (1, 1, 0)");
            s.execute("insert into article_contributor (article_id, contributor_id, role, position) values (1, 1, 'AUTHOR', 0)");
            s.execute("insert into newsletter_subscriber (id, email, status, token, created_at)"
                    + " values (1, 'reader@example.org', 'ACTIVE', 'token-1', current_timestamp)");
        }

        var result = flyway(db, null).migrate();
        assertThat(result.success).isTrue();
        assertThat(result.targetSchemaVersion).isEqualTo(flyway(db, null).info().current().getVersion().getVersion());
        assertThat(Integer.parseInt(result.targetSchemaVersion)).isGreaterThan(1);

        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2])) {
            assertThat(one(c, "select setting_value from minbar_setting where name = 'site.name'")).isEqualTo("منبر التجريبي");
            assertThat(one(c, "select name from section where id = 2")).isEqualTo("محليات");
            assertThat(one(c, "select parent_id from section where id = 2")).isEqualTo("1");
            assertThat(one(c, "select title from article where id = 1")).isEqualTo("العنوان الأول");
            assertThat(one(c, "select body_html from article where id = 1")).isEqualTo("<p>نص المقال</p>");
            assertThat(one(c, "select status from article where id = 2")).isEqualTo("DRAFT");
            // Columns of later migrations, as the code reads them: V3's flag on, V17's modified_at = published_at.
            assertThat(one(c, "select auto_read_also from article where id = 1")).isIn("TRUE", "true", "t");
            assertThat(one(c, "select count(*) from article where id = 1 and modified_at = published_at")).isEqualTo("1");
            assertThat(one(c, "select count(*) from article where id = 2 and modified_at is null")).isEqualTo("1");
            assertThat(one(c, "select article_id from article_slug_history where slug = 'old-first'")).isEqualTo("1");
            assertThat(one(c, "select tag_id from article_tag where article_id = 1")).isEqualTo("1");
            assertThat(one(c, "select role from article_contributor where article_id = 1")).isEqualTo("AUTHOR");
            assertThat(one(c, "select email from newsletter_subscriber where id = 1")).isEqualTo("reader@example.org");
            assertThat(one(c, "select bounce_count from newsletter_subscriber where id = 1")).isEqualTo("0");
        }
    }
}
