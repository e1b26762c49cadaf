package org.minbar.article;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.jsoup.nodes.Entities;

/**
 * Writes an archive of ARTICLES published articles into a PostgreSQL database with the application's
 * migrations, for bench/archive.sh (a plain main, not a test). Article {@code i} is corpus record
 * {@code i mod corpus size} (title, paragraphs, section), published on an even spread over ten years,
 * with two of 1,000 tags. Bulk SQL, as a migration from another system's dump would load it; the
 * WordPress import's own rate is bench/wxr.sh's.
 *
 * <p>Arguments: JDBC_URL USER CORPUS.jsonl ARTICLES.
 */
public final class ArchiveLoader {

    private static final Map<String, String> SECTION_NAMES = Map.of("culture", "ثقافة", "diverse", "متفرقات",
            "economy", "اقتصاد", "internationalNews", "دولية", "localNews", "وطنية", "politic", "سياسة", "society", "مجتمع",
            "sport", "رياضة", "technology", "تكنولوجيا");

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1];
        Path corpus = Path.of(args[2]);
        long articles = Long.parseLong(args[3]);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        long t0 = System.nanoTime();
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> records = Files.readAllLines(corpus).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalArgumentException(corpus + ": not JSON: " + e.getMessage(), e);
            }
        }).toList();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                TreeSet<String> categories = new TreeSet<>();
                records.forEach(r -> categories.add(r.path("category").asText("diverse")));
                try (PreparedStatement p = c.prepareStatement("insert into section (slug, name, position) values (?, ?, ?)")) {
                    int position = 0;
                    for (String slug : categories) {
                        p.setString(1, slug);
                        p.setString(2, SECTION_NAMES.getOrDefault(slug, slug));
                        p.setInt(3, position++);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                s.execute("insert into tag (slug, name) select 'tag-' || x, 'وسم ' || x from generate_series(1, 1000) as x");
                s.execute("create temporary table corpus (n int primary key, title text, excerpt text, body_html text, category text)");
                try (PreparedStatement p = c.prepareStatement("insert into corpus values (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < records.size(); i++) {
                        JsonNode r = records.get(i);
                        List<String> paragraphs = r.path("body").asText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                        StringBuilder body = new StringBuilder();
                        paragraphs.forEach(l -> body.append("<p>").append(Entities.escape(l)).append("</p>\n"));
                        p.setInt(1, i);
                        p.setString(2, r.path("title").asText());
                        p.setString(3, paragraphs.isEmpty() ? null : paragraphs.get(0).substring(0, Math.min(300, paragraphs.get(0).length())));
                        p.setString(4, body.isEmpty() ? "<p>" + Entities.escape(r.path("title").asText()) + "</p>" : body.toString());
                        p.setString(5, r.path("category").asText("diverse"));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                System.err.printf("Writing %,d articles...%n", articles);
                long t1 = System.nanoTime();
                // Ten years, evenly: article g at 2016-01-01 + g * (ten years / ARTICLES).
                try (PreparedStatement p = c.prepareStatement("""
                        insert into article (id, slug, title, excerpt, body_html, status, section_id, created_at, updated_at,
                            published_at, modified_at, version, created_by)
                        select g, 'khabar-' || g, c.title, c.excerpt, c.body_html, 'PUBLISHED', s.id, t, t, t, t, 1, 'archive'
                        from (select g, timestamp with time zone '2016-01-01 00:00:00+00'
                                  + (g * (315360000.0 / ?)) * interval '1 second' as t
                              from generate_series(1, ?) as g) as gs
                        join corpus c on c.n = mod(gs.g, ?)
                        join section s on s.slug = c.category""")) {
                    p.setLong(1, articles);
                    p.setLong(2, articles);
                    p.setInt(3, records.size());
                    p.executeUpdate();
                }
                // Explicit ids (article g is /news/g/khabar-g), so the identity goes on after them.
                s.execute("alter table article alter column id restart with " + (articles + 1));
                long t2 = System.nanoTime();
                s.execute("""
                        insert into article_tag (article_id, tag_id, position)
                        select a.id, t.first + mod(a.id, 1000), 0 from article a, (select min(id) as first from tag) t
                        union all
                        select a.id, t.first + mod(a.id * 7 + 3, 1000), 1 from article a, (select min(id) as first from tag) t
                        where mod(a.id * 7 + 3, 1000) <> mod(a.id, 1000)""");
                c.commit();
                long t3 = System.nanoTime();
                c.setAutoCommit(true);
                s.execute("vacuum analyze");
                long t4 = System.nanoTime();
                try (var rs = s.executeQuery("select pg_size_pretty(pg_database_size(current_database())), (select count(*) from article)")) {
                    rs.next();
                    System.out.printf("LOAD articles=%d sections=%d corpus=%d seconds_articles=%.1f seconds_tags=%.1f "
                                    + "seconds_analyze=%.1f seconds_total=%.1f database=%s%n",
                            rs.getLong(2), categories.size(), records.size(), (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                            (t4 - t0) / 1e9, rs.getString(1).replace(" ", ""));
                }
            }
        }
    }
}
