package org.minbar.article;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sitemap index's database work after an article change, at archive scale (bench/sitemaps.sh;
 * a plain main, not a test). Previously (until 2026-12-04) the index, after any change, worked out
 * every article sitemap's first id and newest change in one pass over the published articles, and
 * read every section's and tag's newest change (two more passes). Now the index keeps those
 * aggregates, read once per start and kept by the article events in memory, and after a change reads
 * only the site's last change (an index lookup); a range whose count falls to zero is counted again
 * ({@link PublishedArticleQueries#idRange}, timed too). Both on the same H2 file database (the
 * application's migrations, 10 sections, 1,000 tags), interleaved.
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
        data.setURL("jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=128;DB_CLOSE_DELAY=-1"); // open once, as the site keeps it
        data.setUser("sa");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(data);
        long start = System.nanoTime();
        jdbc.sql("insert into section (slug, name) select 'section-' || x, 'قسم ' || x from system_range(1, 10) as r(x)").update();
        jdbc.sql("insert into tag (slug, name) select 'tag-' || x, 'وسم ' || x from system_range(1, 1000) as r(x)").update();
        long firstSection = jdbc.sql("select min(id) from section").query(Long.class).single();
        long firstTag = jdbc.sql("select min(id) from tag").query(Long.class).single();
        jdbc.sql("""
                insert into article (slug, title, body_html, status, section_id, created_at, updated_at, published_at)
                select 'khabar-' || x, 'خبر ' || x, '<p>نص</p>', case when mod(x, 20) = 0 then 'DRAFT' else 'PUBLISHED' end,
                    ? + mod(x, 10),
                    timestamp with time zone '2020-01-01 00:00:00+00' + x * interval '1' minute,
                    timestamp with time zone '2020-01-01 00:00:00+00' + (x + mod(x * 7919, 100000)) * interval '1' minute,
                    timestamp with time zone '2020-01-01 00:00:00+00' + x * interval '1' minute
                from system_range(1, ?) as r(x)""").params(firstSection, articles).update();
        jdbc.sql("insert into article_tag (article_id, tag_id, position) select id, ? + mod(id, 1000), 0 from article")
                .param(firstTag).update();
        System.err.printf("%,d articles (5 %% drafts, 10 sections, a tag each of 1,000) written in %.1f s%n", articles,
                (System.nanoTime() - start) / 1e9);
        PublishedArticleQueries queries = new PublishedArticleQueries(jdbc);

        System.out.printf("SITEMAP INDEX AFTER AN ARTICLE CHANGE, %,d articles, sitemaps of %,d, H2 file database%n", articles, PAGE);
        long t = System.nanoTime();
        List<PublishedIdRange> ranges = queries.idRanges(PAGE);
        int sections = queries.lastChangeBySection().size();
        int tags = queries.lastChangeByTag().size();
        System.out.printf("  once per start: %d article ranges, %d sections, %d tags read in %.0f ms%n", ranges.size(), sections, tags,
                (System.nanoTime() - t) / 1e6);
        int last = ranges.get(ranges.size() - 1).number();
        long published = jdbc.sql("select count(*) from article a where " + ArticleRows.PUBLISHED).query(Long.class).single();
        if (ranges.stream().mapToLong(PublishedIdRange::articles).sum() != published) {
            throw new IllegalStateException("the ranges do not hold every published article once");
        }
        List<Double> ratios = new ArrayList<>();
        List<Double> nows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            int previousPages = previousIndex(jdbc).size();
            queries.lastChangeBySection();
            queries.lastChangeByTag();
            queries.lastChange();
            long t1 = System.nanoTime();
            queries.lastChange();
            long t2 = System.nanoTime();
            PublishedIdRange counted = queries.idRange(last, PAGE);
            long t3 = System.nanoTime();
            if (counted.articles() == 0 || previousPages == 0) {
                throw new IllegalStateException("no articles in the last range or no previous pages");
            }
            double previousMs = (t1 - t0) / 1e6, nowMs = (t2 - t1) / 1e6;
            ratios.add(previousMs / nowMs);
            nows.add(nowMs);
            System.out.printf("  round %d: previous %.0f ms, now %.1f ms (%.0fx); a range counted again (an emptied one) %.0f ms%n",
                    round, previousMs, nowMs, previousMs / nowMs, (t3 - t2) / 1e6);
        }
        double median = median(nows);
        System.out.printf("  median: now %.1f ms, speed-up %.0fx; target under 50 ms: %s%n", median, median(ratios),
                median < 50 ? "PASS" : "FAIL");
        t = System.nanoTime();
        int rows = queries.stampsBetween((long) (last - 1) * PAGE + 1, (long) last * PAGE).size();
        System.out.printf("  the deepest article sitemap (%,d rows) read in %.0f ms%n", rows, (System.nanoTime() - t) / 1e6);
    }

    /** The previous index query: each page's first id and newest change, pages of PAGE published articles by id. */
    private static List<Long> previousIndex(JdbcClient jdbc) {
        return jdbc.sql("""
                select min(id) as first_id, max(changed) as changed from (
                    select a.id, case when a.updated_at > a.published_at then a.updated_at else a.published_at end as changed,
                        (row_number() over (order by a.id) - 1) / %d as page
                    from article a where %s) p
                group by page order by page""".formatted(PAGE, ArticleRows.PUBLISHED)).query((rs, n) -> rs.getLong("first_id")).list();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
