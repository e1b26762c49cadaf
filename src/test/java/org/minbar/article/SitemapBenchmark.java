package org.minbar.article;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sitemap index's work at archive scale (bench/sitemaps.sh; a plain main, not a test): the
 * previous code read every published article, page by page with OFFSET, to find each article
 * sitemap's newest change; the current one asks for the pages' first ids and newest changes in one
 * query ({@link PublishedArticleQueries#idPages}), and a deep sitemap page reads from its first id.
 * Both on the same H2 database (the application's migrations), interleaved, several rounds.
 */
public final class SitemapBenchmark {

    private static final int PAGE = 50_000;

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN); // Flyway's migration lines
        Path dir = Files.createTempDirectory("minbar-sitemap-bench");
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=128");
        data.setUser("sa");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(data);
        long start = System.nanoTime();
        jdbc.sql("""
                insert into article (slug, title, body_html, status, created_at, updated_at, published_at)
                select 'khabar-' || x, 'خبر ' || x, '<p>نص</p>', case when mod(x, 20) = 0 then 'DRAFT' else 'PUBLISHED' end,
                    timestamp with time zone '2020-01-01 00:00:00+00' + x * interval '1' minute,
                    timestamp with time zone '2020-01-01 00:00:00+00' + (x + mod(x * 7919, 100000)) * interval '1' minute,
                    timestamp with time zone '2020-01-01 00:00:00+00' + x * interval '1' minute
                from system_range(1, ?) as r(x)""").param(articles).update();
        System.err.printf("%,d articles (5 %% drafts) written in %.1f s%n", articles, (System.nanoTime() - start) / 1e9);
        PublishedArticleQueries queries = new PublishedArticleQueries(jdbc);

        System.out.printf("SITEMAP INDEX AND DEEPEST ARTICLE SITEMAP, %,d articles, pages of %,d, H2 file database%n", articles, PAGE);
        List<Double> indexRatios = new ArrayList<>();
        List<Double> pageRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            List<OffsetDateTime> before = previousIndex(jdbc);
            long t1 = System.nanoTime();
            List<PublishedIdPage> now = queries.idPages(PAGE);
            long t2 = System.nanoTime();
            if (before.size() != now.size() || !before.get(before.size() - 1).toInstant().equals(now.get(now.size() - 1).newestChange().toInstant())) {
                throw new IllegalStateException("the two index computations disagree");
            }
            int deepest = now.size();
            long t3 = System.nanoTime();
            int previousRows = previousPage(jdbc, deepest).size();
            long t4 = System.nanoTime();
            int rows = queries.stampsFrom(now.get(deepest - 1).firstId(), PAGE).size();
            long t5 = System.nanoTime();
            if (rows != previousRows) {
                throw new IllegalStateException("the two deepest pages differ");
            }
            double previousIndexMs = (t1 - t0) / 1e6, indexMs = (t2 - t1) / 1e6, previousPageMs = (t4 - t3) / 1e6, pageMs = (t5 - t4) / 1e6;
            indexRatios.add(previousIndexMs / indexMs);
            pageRatios.add(previousPageMs / pageMs);
            System.out.printf("  round %d: index (after a change) previous %.0f ms, now %.0f ms (%.1fx); page %d (%,d rows) previous %.0f ms, now %.0f ms (%.1fx)%n",
                    round, previousIndexMs, indexMs, previousIndexMs / indexMs, deepest, rows, previousPageMs, pageMs, previousPageMs / pageMs);
        }
        System.out.printf("  median speed-up: index %.1fx, deepest page %.1fx; between changes the index reuses the kept boundaries (no query)%n",
                median(indexRatios), median(pageRatios));
    }

    /** What the sitemap index did before: every page of published stamps by OFFSET, the newest change of each. */
    private static List<OffsetDateTime> previousIndex(JdbcClient jdbc) {
        long total = jdbc.sql("select count(*) from article a where " + ArticleRows.PUBLISHED).query(Long.class).single();
        List<OffsetDateTime> newest = new ArrayList<>();
        for (int page = 1; page <= (total + PAGE - 1) / PAGE; page++) {
            newest.add(previousPage(jdbc, page).stream().map(a -> a.updatedAt().isAfter(a.publishedAt()) ? a.updatedAt() : a.publishedAt())
                    .max(OffsetDateTime::compareTo).orElseThrow());
        }
        return newest;
    }

    private static List<ArticleStamp> previousPage(JdbcClient jdbc, int page) {
        return jdbc.sql("select a.id, a.slug, a.title, a.section_id, a.published_at, a.updated_at from article a where "
                + ArticleRows.PUBLISHED + " order by a.id limit ? offset ?").params(PAGE, (page - 1) * PAGE)
                .query((rs, n) -> ArticleRows.stamp(rs)).list();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
