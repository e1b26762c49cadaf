package org.minbar.search;

import static org.minbar.search.BenchSupport.*;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizer;

/**
 * Search benchmark: Minbar's Lucene search against SQL {@code LIKE} (H2 and PostgreSQL) and
 * PostgreSQL full-text search, on the Arabic news corpus repeated to N articles. A plain
 * {@code main}, run by {@code bench/search.sh} (not by the test suite: the name does not end in
 * Tests). Progress goes to stderr, the report to stdout.
 *
 * <p>Arguments: {@code [ARTICLES]} (default 100000). System properties: {@code minbar.corpus}
 * (default ../shared/corpus/arabic-news.jsonl), {@code bench.queries} (per group, default 50),
 * {@code bench.likeQueries} (per group for LIKE, default 20), {@code bench.seed} (default 20170610),
 * {@code bench.engines} (default lucene,h2,postgres; Lucene always runs).
 */
public final class SearchBenchmark {

    static final int TOP = 10;
    static final int LUCENE_WARMUPS = 2;
    static final int LUCENE_RUNS = 5;
    static final int FTS_WARMUPS = 2;
    static final int FTS_RUNS = 5;
    static final int LIKE_WARMUPS = 1;
    static final int LIKE_RUNS = 1;
    static final double TARGET_P50_MS = 5;
    static final double TARGET_P99_MS = 50;
    static final double TARGET_SPEEDUP = 20;
    static final int TARGET_ARTICLES = 100_000;
    /** Other processes using less than this many cores during a timing: the machine counts as quiet. */
    static final double QUIET_CORES = 0.25;

    static final String[] GROUPS = {"one-word", "two-word", "three-word", "phrase"};

    /** Basic Arabic letters (hamza..yeh, without tatweel): what a query word is made of. */
    private static final Pattern WORD = Pattern.compile("[\\u0621-\\u063A\\u0641-\\u064A]{4,}");


    private SearchBenchmark() {
    }

    record Record(String corpusId, String title, String body, String section, LocalDate published) {
    }

    record RelevanceQuery(String query, List<String> expected, String rule) {
    }

    /** One search engine under test: the 10 ids shown first, and the total number of matches. */
    interface Engine {
        Result search(String query) throws Exception;
    }

    record Result(long total, List<Long> ids) {
    }

    /** The first {@code count} ids in the engine's order (deeper than one page). */
    interface DeepSearch {
        List<Long> top(String query, int count) throws Exception;
    }

    /** Timings of one engine on one group: nanoseconds per query per run, and the totals found. */
    record Timing(String engine, String group, List<String> queries, long[][] nanos, long[] totals, int warmups,
            long allocatedBytes) {

        Timing withWarmups(int count) {
            return new Timing(engine, group, queries, nanos, totals, count, allocatedBytes);
        }

        double p(double q) {
            return percentile(Arrays.stream(nanos).flatMapToLong(Arrays::stream).toArray(), q);
        }

        int runs() {
            return nanos.length == 0 ? 0 : nanos[0].length;
        }

        long medianTotal() {
            long[] sorted = totals.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
        }

        /** The queries with the highest median time: "query" median ms (matches). */
        String slowest(int count) {
            Integer[] order = new Integer[queries.size()];
            double[] medians = new double[queries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                medians[i] = percentile(nanos[i], 0.5);
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> medians[i]).reversed());
            return Arrays.stream(order).limit(count).map(i -> String.format(Locale.ROOT, "%s %.1f ms (%,d)",
                    queries.get(i), medians[i], totals[i])).collect(Collectors.joining(" | "));
        }

        /** p50 over the first {@code count} queries only (to compare with an engine that ran fewer). */
        double p50Of(int count) {
            return percentile(Arrays.stream(nanos).limit(count).flatMapToLong(Arrays::stream).toArray(), 0.5);
        }
    }

    record Load(String what, long rows, double seconds, String size) {
        double rate() {
            return rows / seconds;
        }
    }

    /**
     * {@code collapsed}: answered when the copies of each article are counted once (top 10 distinct
     * articles), -1 when not applicable.
     */
    record Relevance(String engine, String rule, int answered, int allExpected, int collapsed, int total,
            Set<Integer> missed, String missedDetail) {
    }

    private static List<Record> corpus;
    private static String luceneContention = "";
    private static String h2Contention = "";
    private static int articles;
    private static final List<Load> loads = new ArrayList<>();
    private static final List<Timing> timings = new ArrayList<>();
    private static final List<Relevance> relevance = new ArrayList<>();
    private static final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        quietLogging();
        articles = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : TARGET_ARTICLES;
        int perGroup = Integer.getInteger("bench.queries", 50);
        int likePerGroup = Math.min(perGroup, Integer.getInteger("bench.likeQueries", 20));
        long seed = Long.getLong("bench.seed", 20170610L);
        Path corpusPath = Path.of(System.getProperty("minbar.corpus", SearchFixtures.CORPUS.toString()));
        if (!Files.isRegularFile(corpusPath)) {
            System.err.println("The corpus is not at " + corpusPath.toAbsolutePath()
                    + " (set -Dminbar.corpus=... or MINBAR_CORPUS for bench/search.sh)");
            System.exit(2);
        }

        String machine = machine();
        log("corpus " + corpusPath.toAbsolutePath());
        corpus = readCorpus(corpusPath);
        Map<String, List<String>> groups = queryGroups(corpus, perGroup, seed);
        List<RelevanceQuery> relevanceQueries = relevanceQueries();
        Map<String, Integer> recordByCorpusId = new HashMap<>();
        for (int k = 0; k < corpus.size(); k++) {
            recordByCorpusId.put(corpus.get(k).corpusId(), k);
        }
        long textBytes = 0;
        for (int i = 0; i < articles; i++) {
            Record r = corpus.get(i % corpus.size());
            textBytes += r.title().getBytes(StandardCharsets.UTF_8).length + r.body().getBytes(StandardCharsets.UTF_8).length;
        }
        log(String.format(Locale.ROOT, "%,d articles from %,d corpus records, %.0f MB of title+body text (UTF-8)", articles,
                corpus.size(), textBytes / 1e6));

        Path temp = Files.createTempDirectory("minbar-search-bench");
        try {
            Set<String> engines = Set.of(System.getProperty("bench.engines", "lucene,h2,postgres").split(","));
            String luceneHeap = lucene(temp.resolve("lucene"), groups, relevanceQueries, recordByCorpusId);
            if (engines.contains("h2")) {
                h2(groups, likePerGroup, relevanceQueries, recordByCorpusId);
            } else {
                notes.add("H2 skipped (-Dbench.engines).");
            }
            if (!engines.contains("postgres")) {
                notes.add("PostgreSQL skipped (-Dbench.engines).");
            } else if ("root".equals(System.getProperty("user.name"))) {
                notes.add("PostgreSQL skipped: embedded PostgreSQL refuses to run as root; run as a normal user.");
            } else {
                postgres(temp.resolve("pg"), groups, likePerGroup, relevanceQueries, recordByCorpusId);
            }
            report(machine, corpusPath, textBytes, groups, likePerGroup, luceneHeap);
        } finally {
            deleteRecursively(temp);
        }
        log("done");
    }

    // ---------------------------------------------------------------- Lucene

    private static String lucene(Path dir, Map<String, List<String>> groups, List<RelevanceQuery> relevanceQueries,
            Map<String, Integer> recordByCorpusId) throws Exception {
        long heapBefore = usedHeapAfterGc();
        log("Lucene: indexing " + String.format(Locale.ROOT, "%,d", articles) + " articles into " + dir);
        try (SearchIndex index = SearchIndex.open(dir)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < articles; i++) {
                index.put(article(i));
                if ((i + 1) % 10_000 == 0) {
                    log(String.format(Locale.ROOT, "  Lucene: %,d indexed (%.0f/s)", i + 1,
                            (i + 1) / seconds(System.nanoTime() - t0)));
                }
            }
            index.commit();
            double secs = seconds(System.nanoTime() - t0);
            int docs = index.documentCount();
            if (docs != articles) {
                throw new IllegalStateException("Lucene holds " + docs + " documents, expected " + articles);
            }
            loads.add(new Load("Lucene (Minbar): put all + commit", articles, secs, mb(index.sizeInBytes()) + " on disk"));
            log(String.format(Locale.ROOT, "Lucene: %.1f s, index %s", secs, mb(index.sizeInBytes())));

            ArticleSearcher searcher = new ArticleSearcher(index);
            Engine engine = q -> {
                SearchResults results = searcher.search(q, null, null, null, null, SearchSort.RELEVANCE, 1);
                return new Result(results.total(), results.hits().stream().map(SearchHit::id).limit(TOP).toList());
            };
            warmUp("Lucene (Minbar)", groups, engine, LUCENE_WARMUPS);
            // The machine may be shared: time Lucene again (up to bench.attempts times) when other
            // processes took CPU during the timing, and keep the least disturbed attempt.
            int attempts = Math.max(1, Integer.getInteger("bench.attempts", 3));
            List<Timing> best = null;
            Cpu bestCpu = null;
            List<String> tried = new ArrayList<>();
            for (int attempt = 1; attempt <= attempts; attempt++) {
                awaitQuiet("Lucene timing");
                CpuMeter meter = CpuMeter.start();
                List<Timing> these = new ArrayList<>();
                for (String group : GROUPS) {
                    these.add(measure("Lucene (Minbar)", group, groups.get(group), engine, 0, LUCENE_RUNS)
                            .withWarmups(LUCENE_WARMUPS));
                }
                Cpu cpu = meter.stop();
                tried.add(String.format(Locale.ROOT, "#%d others %.2f cores, p50 %s", attempt, cpu.otherCores(),
                        these.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.p(0.5))).collect(Collectors.joining("/"))));
                log("  Lucene timing attempt " + tried.get(tried.size() - 1) + "; " + cpu);
                if (best == null || cpu.otherCores() < bestCpu.otherCores()) {
                    best = these;
                    bestCpu = cpu;
                }
                if (cpu.otherCores() < QUIET_CORES) {
                    break;
                }
            }
            timings.addAll(best);
            luceneContention = bestCpu + (tried.size() == 1 ? "" : " (kept the least disturbed of " + tried.size()
                    + " attempts: " + String.join("; ", tried) + ")");
            long heapAfter = usedHeapAfterGc();
            String heap = String.format(Locale.ROOT, "%.0f MB used after System.gc(), index open and searcher warmed"
                    + " (%.0f MB before indexing: the benchmark's corpus and queries)", heapAfter / 1e6, heapBefore / 1e6);
            DeepSearch deep = (q, count) -> {
                List<Long> ids = new ArrayList<>();
                for (int page = 1; ids.size() < count; page++) {
                    List<SearchHit> hits = searcher.search(q, null, null, null, null, SearchSort.RELEVANCE, page).hits();
                    if (hits.isEmpty()) {
                        break;
                    }
                    hits.forEach(h -> ids.add(h.id()));
                }
                return ids;
            };
            relevance.add(ranked("Lucene (Minbar)", "expected in top 10", relevanceQueries, recordByCorpusId, engine, deep));
            return heap;
        }
    }

    private static IndexedArticle article(int i) {
        Record r = corpus.get(i % corpus.size());
        return SearchFixtures.article(i + 1, r.title(), r.body(), r.section(), r.published());
    }

    // ---------------------------------------------------------------- H2

    private static void h2(Map<String, List<String>> groups, int likePerGroup, List<RelevanceQuery> relevanceQueries,
            Map<String, Integer> recordByCorpusId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:minbar_bench;DB_CLOSE_DELAY=-1", "sa", "")) {
            String version = c.getMetaData().getDatabaseProductVersion();
            notes.add("H2 " + version + ", in-memory database, table article(id bigint primary key, title varchar, body varchar).");
            try (Statement s = c.createStatement()) {
                s.execute("create table article(id bigint primary key, title character varying not null,"
                        + " body character varying not null)");
            }
            loadTable(c, "H2: insert (batches of 1000)");
            Engine like = likeEngine(c);
            awaitQuiet("LIKE on H2");
            CpuMeter meter = CpuMeter.start();
            for (String group : GROUPS) {
                timings.add(measure("LIKE on H2", group, groups.get(group).subList(0, likePerGroup), like, LIKE_WARMUPS,
                        LIKE_RUNS));
            }
            h2Contention = meter.stop().toString();
            relevance.add(likeRelevance("LIKE on H2", c, relevanceQueries, recordByCorpusId));
            try (Statement s = c.createStatement()) {
                s.execute("drop all objects");
            }
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    private static void postgres(Path dataDir, Map<String, List<String>> groups, int likePerGroup,
            List<RelevanceQuery> relevanceQueries, Map<String, Integer> recordByCorpusId) throws Exception {
        log("PostgreSQL: starting embedded server");
        Files.createDirectories(dataDir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("fsync", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                .start();
             Connection c = pg.getDatabase("postgres", "postgres", Map.of("reWriteBatchedInserts", "true")).getConnection()) {
            String version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version()")) {
                rs.next();
                version = rs.getString(1);
            }
            notes.add("PostgreSQL: " + version.replaceAll(" on .*", "") + " (embedded, io.zonky), shared_buffers 512MB,"
                    + " work_mem 64MB, maintenance_work_mem 512MB, fsync off; table article(id bigint primary key,"
                    + " title text, body text).");
            try (Statement s = c.createStatement()) {
                s.execute("create table article(id bigint primary key, title text not null, body text not null)");
            }
            loadTable(c, "PostgreSQL: insert (batches of 1000) + vacuum analyze");
            long tableBytes = scalarLong(c, "select pg_total_relation_size('article')");
            Load plain = loads.remove(loads.size() - 1);
            loads.add(new Load(plain.what(), plain.rows(), plain.seconds(), mb(tableBytes) + " table+toast+pkey"));

            Engine like = likeEngine(c);
            awaitQuiet("LIKE on PostgreSQL");
            for (String group : GROUPS) {
                timings.add(measure("LIKE on PostgreSQL", group, groups.get(group).subList(0, likePerGroup), like,
                        LIKE_WARMUPS, LIKE_RUNS));
            }
            relevance.add(likeRelevance("LIKE on PostgreSQL", c, relevanceQueries, recordByCorpusId));

            String config = scalarLong(c, "select count(*) from pg_ts_config where cfgname = 'arabic'") > 0 ? "arabic" : "simple";
            if (config.equals("simple")) {
                notes.add("PostgreSQL has no 'arabic' text search configuration: FTS uses 'simple' (no stemming).");
            } else {
                notes.add("PostgreSQL FTS uses the built-in 'arabic' configuration (Snowball Arabic stemmer).");
            }
            log("PostgreSQL FTS: adding the stored tsvector column (" + config + ") and its GIN index");
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("alter table article add column tsv tsvector generated always as (to_tsvector('" + config
                        + "', title || ' ' || body)) stored");
                log(String.format(Locale.ROOT, "  PostgreSQL FTS: column in %.1f s", seconds(System.nanoTime() - t0)));
                s.execute("create index article_tsv on article using gin (tsv)");
                s.execute("vacuum analyze article");
            }
            double secs = seconds(System.nanoTime() - t0);
            long ftsBytes = scalarLong(c, "select pg_total_relation_size('article')") - tableBytes;
            long ginBytes = scalarLong(c, "select pg_relation_size('article_tsv')");
            loads.add(new Load("PostgreSQL FTS: add stored tsvector column + GIN index + vacuum analyze", articles, secs,
                    "+" + mb(ftsBytes) + " (GIN " + mb(ginBytes) + ")"));
            log(String.format(Locale.ROOT, "PostgreSQL FTS: built in %.1f s", secs));
            Engine fts = ftsEngine(c, config);
            awaitQuiet("PostgreSQL FTS");
            warmUp("PostgreSQL FTS", groups, fts, FTS_WARMUPS);
            for (String group : GROUPS) {
                timings.add(measure("PostgreSQL FTS", group, groups.get(group), fts, 0, FTS_RUNS).withWarmups(FTS_WARMUPS));
            }
            relevance.add(ranked("PostgreSQL FTS (" + config + ")", "expected in top 10 by ts_rank", relevanceQueries,
                    recordByCorpusId, fts, ftsDeep(c, config)));
        }
    }

    // ---------------------------------------------------------------- SQL

    private static void loadTable(Connection c, String what) throws SQLException {
        log(what + ": " + String.format(Locale.ROOT, "%,d", articles) + " rows");
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("insert into article(id, title, body) values (?, ?, ?)")) {
            for (int i = 0; i < articles; i++) {
                Record r = corpus.get(i % corpus.size());
                insert.setLong(1, i + 1);
                insert.setString(2, r.title());
                insert.setString(3, r.body());
                insert.addBatch();
                if ((i + 1) % 1000 == 0 || i == articles - 1) {
                    insert.executeBatch();
                    c.commit();
                }
                if ((i + 1) % 20_000 == 0) {
                    log(String.format(Locale.ROOT, "  %,d rows (%.0f/s)", i + 1, (i + 1) / seconds(System.nanoTime() - t0)));
                }
            }
        }
        c.setAutoCommit(autoCommit);
        if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze article");
            }
        } else {
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
            }
        }
        double secs = seconds(System.nanoTime() - t0);
        loads.add(new Load(what, articles, secs, ""));
        log(String.format(Locale.ROOT, "  loaded in %.1f s", secs));
    }

    /**
     * What a WordPress-style search runs: every word (or "phrase") must occur in the title or the
     * body, newest first, plus a count. Patterns are escaped and inlined as literals (as WordPress's
     * prepare does on the client), which also lets H2 use its fast "contains" path.
     */
    static String likeCondition(String query) {
        ArticleSearcher.Parsed parsed = ArticleSearcher.parse(query);
        List<String> parts = new ArrayList<>(parsed.phrases());
        parts.addAll(parsed.words());
        if (parts.isEmpty()) {
            return "false";
        }
        return parts.stream().map(part -> {
            String literal = "'%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("'", "''")
                    + "%'";
            return "(title like " + literal + " or body like " + literal + ")";
        }).collect(Collectors.joining(" and "));
    }

    private static Engine likeEngine(Connection c) {
        return q -> {
            String where = likeCondition(q);
            List<Long> ids = new ArrayList<>();
            long total;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select id from article where " + where + " order by id desc limit " + TOP)) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("select count(*) from article where " + where)) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Result(total, ids);
        };
    }

    private static DeepSearch ftsDeep(Connection c, String config) {
        String top = "select id from article, websearch_to_tsquery('" + config + "', ?) q where tsv @@ q"
                + " order by ts_rank(tsv, q) desc, id desc limit ?";
        return (q, count) -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(top)) {
                s.setString(1, q);
                s.setInt(2, count);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        };
    }

    private static Engine ftsEngine(Connection c, String config) {
        String top = "select id from article, websearch_to_tsquery('" + config + "', ?) q where tsv @@ q"
                + " order by ts_rank(tsv, q) desc, id desc limit " + TOP;
        String count = "select count(*) from article where tsv @@ websearch_to_tsquery('" + config + "', ?)";
        return q -> {
            List<Long> ids = new ArrayList<>();
            long total;
            try (PreparedStatement s = c.prepareStatement(top)) {
                s.setString(1, q);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(count)) {
                s.setString(1, q);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new Result(total, ids);
        };
    }

    private static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- measuring

    /** Runs every query of every group {@code rounds} times, before any group is measured. */
    private static void warmUp(String engine, Map<String, List<String>> groups, Engine search, int rounds) throws Exception {
        log(String.format(Locale.ROOT, "%s: warm-up, every query %d times", engine, rounds));
        for (int r = 0; r < rounds; r++) {
            for (List<String> queries : groups.values()) {
                for (String q : queries) {
                    search.search(q);
                }
            }
        }
    }

    private static Timing measure(String engine, String group, List<String> queries, Engine search, int warmups, int runs)
            throws Exception {
        log(String.format(Locale.ROOT, "%s, %s: %d queries, %d warm-up + %d measured runs each", engine, group,
                queries.size(), warmups, runs));
        for (int w = 0; w < warmups; w++) {
            for (String q : queries) {
                search.search(q);
            }
        }
        long[][] nanos = new long[queries.size()][runs];
        long[] totals = new long[queries.size()];
        long t0 = System.nanoTime();
        long allocated0 = allocatedBytes();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                Result result = search.search(queries.get(i));
                nanos[i][r] = System.nanoTime() - start;
                totals[i] = result.total();
            }
        }
        long allocated = allocatedBytes() - allocated0;
        Timing timing = new Timing(engine, group, queries, nanos, totals, warmups, allocated);
        log(String.format(Locale.ROOT, "  p50 %.2f ms, p99 %.2f ms (%.1f s)", timing.p(0.5), timing.p(0.99),
                seconds(System.nanoTime() - t0)));
        return timing;
    }

    /** Copies of corpus record k have ids k+1, k+1+size, k+1+2*size, ... */
    private static int recordOf(long id) {
        return (int) ((id - 1) % corpus.size());
    }

    private static Relevance ranked(String engine, String rule, List<RelevanceQuery> queries,
            Map<String, Integer> recordByCorpusId, Engine search, DeepSearch deep) throws Exception {
        log(engine + ": " + queries.size() + " relevance queries");
        int answered = 0;
        int all = 0;
        int collapsed = 0;
        int applicable = 0;
        Set<Integer> missed = new TreeSet<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            RelevanceQuery q = queries.get(i);
            Set<Integer> expected = expectedRecords(q, recordByCorpusId);
            if (expected.isEmpty()) {
                continue; // fewer articles than the corpus: the expected ones are not in the data
            }
            applicable++;
            Set<Integer> found = search.search(q.query()).ids().stream().limit(TOP).map(SearchBenchmark::recordOf)
                    .collect(Collectors.toSet());
            boolean any = expected.stream().anyMatch(found::contains);
            if (any) {
                answered++;
            } else {
                missed.add(i);
            }
            if (found.containsAll(expected)) {
                all++;
            }
            // The same query with the copies of each article counted once.
            int copies = (articles + corpus.size() - 1) / corpus.size();
            List<Integer> distinct = deep.top(q.query(), (TOP + 1) * copies).stream().map(SearchBenchmark::recordOf)
                    .distinct().toList();
            if (distinct.stream().limit(TOP).anyMatch(expected::contains)) {
                collapsed++;
            }
            if (!any) {
                int rank = 0;
                for (int r = 0; r < distinct.size() && rank == 0; r++) {
                    if (expected.contains(distinct.get(r))) {
                        rank = r + 1;
                    }
                }
                details.add(String.format(Locale.ROOT, "%s (%s): %s", q.query(), q.rule(), found.isEmpty() ? "no match"
                        : String.format(Locale.ROOT, "top 10 = copies of %d other article(s), expected article %s", found.size(),
                                rank == 0 ? "not in the first " + distinct.size() + " distinct" : "is distinct #" + rank)));
            }
        }
        return new Relevance(engine, rule, answered, all, collapsed, applicable, missed, String.join("; ", details));
    }

    /** LIKE has no ranking: a query counts as answered when any copy of an expected article matches at all. */
    private static Relevance likeRelevance(String engine, Connection c, List<RelevanceQuery> queries,
            Map<String, Integer> recordByCorpusId) throws SQLException {
        log(engine + ": " + queries.size() + " relevance queries");
        int answered = 0;
        int all = 0;
        int applicable = 0;
        Set<Integer> missed = new TreeSet<>();
        for (int i = 0; i < queries.size(); i++) {
            RelevanceQuery q = queries.get(i);
            Set<Integer> expected = expectedRecords(q, recordByCorpusId);
            if (expected.isEmpty()) {
                continue;
            }
            applicable++;
            List<Long> candidates = new ArrayList<>();
            for (int k : expected) {
                for (long id = k + 1; id <= articles; id += corpus.size()) {
                    candidates.add(id);
                }
            }
            Set<Integer> matching = new LinkedHashSet<>();
            if (!candidates.isEmpty()) {
                String in = candidates.stream().map(String::valueOf).collect(Collectors.joining(","));
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select id from article where id in (" + in + ") and ("
                             + likeCondition(q.query()) + ")")) {
                    while (rs.next()) {
                        matching.add(recordOf(rs.getLong(1)));
                    }
                }
            }
            if (!matching.isEmpty()) {
                answered++;
            } else {
                missed.add(i);
            }
            if (matching.containsAll(expected)) {
                all++;
            }
        }
        return new Relevance(engine, "any expected article among all matching rows", answered, all, -1, applicable,
                missed, "");
    }

    private static Set<Integer> expectedRecords(RelevanceQuery q, Map<String, Integer> recordByCorpusId) {
        Set<Integer> expected = new LinkedHashSet<>();
        for (String corpusId : q.expected()) {
            Integer k = recordByCorpusId.get(corpusId);
            if (k == null) {
                throw new IllegalStateException("Relevance query '" + q.query() + "' expects " + corpusId
                        + ", which is not in the corpus");
            }
            if (k < articles) {
                expected.add(k);
            }
        }
        return expected;
    }

    static double percentile(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))] / 1e6;
    }

    // ---------------------------------------------------------------- data

    private static List<Record> readCorpus(Path path) throws IOException {
        return SearchFixtures.readCorpus(path).stream()
                .map(r -> new Record(r.corpusId(), r.title(), r.body(), r.category(), r.published())).toList();
    }

    private static List<RelevanceQuery> relevanceQueries() throws IOException {
        try (InputStream in = SearchBenchmark.class.getResourceAsStream("/search/relevance-queries.tsv")) {
            if (in == null) {
                throw new IllegalStateException("search/relevance-queries.tsv is not on the classpath");
            }
            List<RelevanceQuery> queries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList()) {
                if (!line.isBlank()) {
                    String[] columns = line.split("\t");
                    queries.add(new RelevanceQuery(columns[0], Arrays.asList(columns[1].split(",")), columns[2]));
                }
            }
            return queries;
        }
    }

    /**
     * Queries drawn with a fixed seed from corpus titles: words of at least 4 Arabic letters that
     * are not stop words; two and three words from the same title (in title order, so that articles
     * match them all); phrases are two consecutive such title words in quotes.
     */
    static Map<String, List<String>> queryGroups(List<Record> records, int perGroup, long seed) {
        CharArraySet stop = ArabicAnalyzer.getDefaultStopSet();
        ArabicNormalizer normalizer = new ArabicNormalizer();
        List<List<String>> titleTokens = new ArrayList<>();
        for (Record r : records) {
            titleTokens.add(Arrays.asList(r.title().strip().split("\\s+")));
        }
        java.util.function.Predicate<String> eligible = token -> {
            if (!WORD.matcher(token).matches() || stop.contains(token)) {
                return false;
            }
            char[] chars = token.toCharArray();
            int length = normalizer.normalize(chars, chars.length);
            return !stop.contains(chars, 0, length);
        };
        Random random = new Random(seed);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int words = 1; words <= 3; words++) {
            Set<String> queries = new LinkedHashSet<>();
            for (int attempt = 0; queries.size() < perGroup && attempt < 1_000_000; attempt++) {
                List<String> candidates = titleTokens.get(random.nextInt(titleTokens.size())).stream().filter(eligible)
                        .distinct().toList();
                if (candidates.size() < words) {
                    continue;
                }
                List<Integer> positions = new ArrayList<>();
                while (positions.size() < words) {
                    int p = random.nextInt(candidates.size());
                    if (!positions.contains(p)) {
                        positions.add(p);
                    }
                }
                positions.sort(Comparator.naturalOrder());
                queries.add(positions.stream().map(candidates::get).collect(Collectors.joining(" ")));
            }
            groups.put(GROUPS[words - 1], List.copyOf(queries));
        }
        Set<String> phrases = new LinkedHashSet<>();
        for (int attempt = 0; phrases.size() < perGroup && attempt < 1_000_000; attempt++) {
            List<String> tokens = titleTokens.get(random.nextInt(titleTokens.size()));
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (eligible.test(tokens.get(i)) && eligible.test(tokens.get(i + 1))) {
                    pairs.add("\"" + tokens.get(i) + " " + tokens.get(i + 1) + "\"");
                }
            }
            if (!pairs.isEmpty()) {
                phrases.add(pairs.get(random.nextInt(pairs.size())));
            }
        }
        groups.put(GROUPS[3], List.copyOf(phrases));
        return groups;
    }

    // ---------------------------------------------------------------- report

    private static void report(String machine, Path corpusPath, long textBytes, Map<String, List<String>> groups,
            int likePerGroup, String luceneHeap) {
        StringBuilder out = new StringBuilder();
        line(out, "MINBAR SEARCH BENCHMARK");
        line(out, "=======================");
        out.append(machine);
        line(out, String.format(Locale.ROOT, "Data:      %,d articles = %,d corpus records (%s) repeated with new ids, "
                + "%.0f MB title+body text", articles, corpus.size(), corpusPath.getFileName(), textBytes / 1e6));
        line(out, "");
        line(out, "LOAD");
        line(out, String.format(Locale.ROOT, "  %-72s %9s %10s  %s", "step", "seconds", "rows/s", "size"));
        for (Load l : loads) {
            line(out, String.format(Locale.ROOT, "  %-72s %9.1f %,10.0f  %s", l.what(), l.seconds(), l.rate(), l.size()));
        }
        line(out, "  Lucene heap: " + luceneHeap);
        line(out, "  Load average at the end of the run: " + loadAverage());
        line(out, "");
        line(out, "QUERY LATENCY (ms; a query = top 10 + total count; Lucene also builds the page's snippets)");
        line(out, String.format(Locale.ROOT, "  %-20s %-11s %8s %10s %9s %9s %9s %14s", "engine", "group", "queries",
                "runs each", "p50", "p99", "max", "median matches"));
        for (Timing t : timings) {
            line(out, String.format(Locale.ROOT, "  %-20s %-11s %8d %10s %9.2f %9.2f %9.2f %,14d", t.engine(), t.group(),
                    t.queries().size(), t.warmups() + "+" + t.runs(), t.p(0.5), t.p(0.99), t.p(1.0), t.medianTotal()));
        }
        line(out, "  runs each = warm-up runs + measured runs; p50/p99/max over all measured runs of the group.");
        line(out, "  while Lucene was timed: " + luceneContention);
        if (!h2Contention.isEmpty()) {
            line(out, "  while LIKE on H2 was timed: " + h2Contention);
        }
        for (Timing t : timings) {
            if (t.engine().startsWith("Lucene")) {
                line(out, String.format(Locale.ROOT, "  slowest Lucene %-11s %s", t.group(), t.slowest(3)));
            }
        }
        line(out, "  (slowest: the 3 queries of the group with the highest median time, and their matches)");
        line(out, "  Lucene allocation per query (MB of Java heap, searching thread): " + timings.stream()
                .filter(t -> t.engine().startsWith("Lucene") && t.allocatedBytes() >= 0)
                .map(t -> String.format(Locale.ROOT, "%s %.1f", t.group(),
                        t.allocatedBytes() / 1e6 / Math.max(1, t.queries().size() * t.runs())))
                .collect(Collectors.joining(", ")));
        line(out, String.format(Locale.ROOT, "  LIKE runs only the first %d queries of each group (full scans are slow),"
                + " once each after one warm-up.", likePerGroup));
        line(out, "  LIKE: newest 10 + count(*), no ranking; PostgreSQL FTS: 10 best by ts_rank + count(*), no snippets"
                + " (ts_headline not run).");
        line(out, "");
        line(out, "SPEED-UP OVER LIKE (LIKE p50 / Lucene p50, both on the same first " + likePerGroup
                + " queries of each group)");
        Map<String, Map<String, Double>> speedups = new LinkedHashMap<>();
        for (String likeEngine : List.of("LIKE on H2", "LIKE on PostgreSQL")) {
            for (String group : GROUPS) {
                Timing lucene = timing("Lucene (Minbar)", group);
                Timing like = timing(likeEngine, group);
                if (lucene != null && like != null) {
                    double luceneP50 = lucene.p50Of(like.queries().size());
                    double ratio = like.p(0.5) / luceneP50;
                    speedups.computeIfAbsent(likeEngine, k -> new LinkedHashMap<>()).put(group, ratio);
                    line(out, String.format(Locale.ROOT, "  %-20s %-11s Lucene %7.2f ms  LIKE %9.2f ms  = %,8.0fx",
                            likeEngine, group, luceneP50, like.p(0.5), ratio));
                }
            }
        }
        line(out, "");
        line(out, "RELEVANCE (46 queries written in another spelling than their articles; any copy of an expected"
                + " article counts)");
        if (articles < corpus.size()) {
            line(out, "  only the queries whose expected articles are among the first " + articles + " records count");
        }
        line(out, String.format(Locale.ROOT, "  %-30s %9s %13s %18s  %s", "engine", "answered", "all expected",
                "copies collapsed", "rule"));
        for (Relevance r : relevance) {
            line(out, String.format(Locale.ROOT, "  %-30s %9s %13s %18s  %s", r.engine(), r.answered() + "/" + r.total(),
                    r.allExpected() + "/" + r.total(), r.collapsed() < 0 ? "n/a" : r.collapsed() + "/" + r.total(), r.rule()));
        }
        line(out, "  answered: any expected article (any copy) found; all expected: every expected article found;");
        line(out, "  copies collapsed: same query, each article's ~" + (articles + corpus.size() - 1) / corpus.size()
                + " identical copies counted once (top 10 distinct articles).");
        line(out, "  LIKE has no ranking: it is credited when any expected article is among ALL rows it matches,"
                + " however many.");
        Relevance luceneRelevance = relevance.stream().filter(r -> r.engine().startsWith("Lucene")).findFirst().orElseThrow();
        for (Relevance r : relevance) {
            if (!r.missedDetail().isEmpty()) {
                line(out, "  " + r.engine() + " missed: " + r.missedDetail());
            }
        }
        line(out, "");
        line(out, "QUERIES (first 3 of each group)");
        groups.forEach((group, queries) -> line(out, String.format(Locale.ROOT, "  %-11s %s", group,
                queries.stream().limit(3).collect(Collectors.joining(" | ")))));
        for (String note : notes) {
            line(out, "  note: " + note);
        }
        line(out, "");
        line(out, "TARGETS" + (articles == TARGET_ARTICLES ? "" : String.format(Locale.ROOT,
                " (defined at %,d articles; this run has %,d: indicative only)", TARGET_ARTICLES, articles)));
        List<Timing> luceneTimings = timings.stream().filter(t -> t.engine().startsWith("Lucene")).toList();
        target(out, luceneTimings.stream().allMatch(t -> t.p(0.5) < TARGET_P50_MS),
                "Lucene p50 < " + (int) TARGET_P50_MS + " ms: " + luceneTimings.stream()
                        .map(t -> String.format(Locale.ROOT, "%s %.2f", t.group(), t.p(0.5))).collect(Collectors.joining(", ")));
        target(out, luceneTimings.stream().allMatch(t -> t.p(0.99) < TARGET_P99_MS),
                "Lucene p99 < " + (int) TARGET_P99_MS + " ms: " + luceneTimings.stream()
                        .map(t -> String.format(Locale.ROOT, "%s %.2f", t.group(), t.p(0.99))).collect(Collectors.joining(", ")));
        speedups.forEach((engine, byGroup) -> target(out, byGroup.values().stream().allMatch(r -> r >= TARGET_SPEEDUP),
                "Lucene >= " + (int) TARGET_SPEEDUP + "x faster than " + engine + " (p50, per group): " + byGroup.entrySet()
                        .stream().map(e -> String.format(Locale.ROOT, "%s %.0fx", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "))));
        Set<Integer> likeMissed = new TreeSet<>();
        relevance.stream().filter(r -> r.engine().startsWith("LIKE")).forEach(r -> likeMissed.addAll(r.missed()));
        // The benchmark's articles are the corpus repeated: ~N identical copies of each. A query is
        // judged on distinct articles (copies counted once), as a reader would see them on the real
        // corpus; the any-copy count is reported beside it.
        Set<Integer> notRescued = new TreeSet<>(likeMissed);
        notRescued.retainAll(luceneRelevance.missed());
        boolean rescuedAll = luceneRelevance.collapsed() == luceneRelevance.total();
        target(out, rescuedAll, String.format(Locale.ROOT,
                "Lucene answers every relevance query LIKE misses (top 10 distinct articles): LIKE misses %d; Lucene answers"
                        + " %d/%d with copies counted once (%d/%d counting the copies of one article as separate hits%s)",
                likeMissed.size(), luceneRelevance.collapsed(), luceneRelevance.total(), luceneRelevance.answered(),
                luceneRelevance.total(), notRescued.isEmpty() ? "" : "; there missed: "
                        + notRescued.stream().map(i -> relevanceLabel(i)).collect(Collectors.joining("; "))));
        System.out.print(out);
        System.out.flush();
    }

    private static List<RelevanceQuery> relevanceCache;

    private static String relevanceLabel(int i) {
        try {
            if (relevanceCache == null) {
                relevanceCache = relevanceQueries();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelevanceQuery q = relevanceCache.get(i);
        return q.query() + " (" + q.rule() + ")";
    }

    private static Timing timing(String engine, String group) {
        return timings.stream().filter(t -> t.engine().equals(engine) && t.group().equals(group)).findFirst().orElse(null);
    }





    record Cpu(double ownCores, double otherCores) {
        @Override
        public String toString() {
            return Double.isNaN(ownCores) ? "machine load unknown" : String.format(Locale.ROOT,
                    "this JVM used %.2f cores, other processes %.2f cores (of %d)", ownCores, otherCores,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Waits (up to bench.quietWait seconds, default 120) until other processes use less than
     * {@link #QUIET_CORES} cores, so that a shared machine disturbs the timings as little as possible.
     */
    private static void awaitQuiet(String phase) {
        long deadline = System.nanoTime() + Long.getLong("bench.quietWait", 120) * 1_000_000_000L;
        boolean logged = false;
        while (true) {
            CpuMeter meter = CpuMeter.start();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Cpu cpu = meter.stop();
            if (Double.isNaN(cpu.ownCores()) || cpu.otherCores() < QUIET_CORES) {
                if (logged) {
                    log("  the machine is quiet: " + phase);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                log(String.format(Locale.ROOT, "  still busy (other processes %.2f cores); timing %s anyway",
                        cpu.otherCores(), phase));
                return;
            }
            if (!logged) {
                log(String.format(Locale.ROOT, "  waiting for other processes to calm down (%.2f cores busy) before %s",
                        cpu.otherCores(), phase));
                logged = true;
            }
        }
    }

    /** How busy the machine was apart from this JVM (Linux: /proc/stat against this process's CPU time). */
    record CpuMeter(long wallNanos, long busyTicks, long processNanos) {

        static CpuMeter start() {
            return new CpuMeter(System.nanoTime(), readBusyTicks(), readProcessCpuNanos());
        }

        Cpu stop() {
            double wall = (System.nanoTime() - wallNanos) / 1e9;
            long busy = readBusyTicks();
            long process = readProcessCpuNanos();
            if (busy < 0 || busyTicks < 0 || process < 0) {
                return new Cpu(Double.NaN, 0);
            }
            double machineCores = (busy - busyTicks) / 100.0 / wall; // USER_HZ is 100 on Linux
            double ownCores = (process - processNanos) / 1e9 / wall;
            return new Cpu(ownCores, Math.max(0, machineCores - ownCores));
        }

        private static long readBusyTicks() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
                String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long readProcessCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }
    }




    /** Bytes allocated so far by the calling thread (HotSpot), -1 if unknown. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }



}
