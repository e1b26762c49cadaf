package org.minbar.search;

import static org.minbar.search.BenchSupport.*;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jsoup.nodes.Entities;
import org.minbar.MinbarApplication;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleSummary;
import org.minbar.article.PublishedArticles;
import org.minbar.recommend.RecommendService;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Related-articles benchmark: the QUALITY of "قد تحب أيضا" on the Arabic news corpus, judged by
 * precision@5 = the share of the 5 related articles having the source article's category. A plain
 * {@code main}, run by {@code bench/recommend.sh} (not by the test suite: the name does not end in
 * Tests). Progress goes to stderr, the report to stdout.
 *
 * <p>It measures the deployed code: it starts the application (Spring context, H2 database and
 * search index in a temporary data directory), creates every corpus article through
 * {@code ArticleImport.create} as an importer does (published, the corpus category as its
 * section), lets the application index them through its own events, and asks
 * {@code RecommendService.related(article, 5)} (what the article page calls) for every source. Beside
 * it: {@code SearchService.similarTo(id, 5)} of the same application (MoreLikeThis alone, "text
 * only"), the newest articles of the same section, the newest articles sharing a tag (the corpus has
 * none: the newest overall), and random articles.
 *
 * <p>Arguments: {@code [LARGE]} (articles at scale, default 30000: the corpus repeated with new
 * ids, created through the service in the same application after the first measurement: from
 * under 100 to about 600 a second on the shared 2-core machine, as busy as it is; 0 skips it).
 * System properties:
 * {@code minbar.corpus} (default ../shared/corpus/arabic-news.jsonl), {@code bench.every} (every
 * n-th corpus article is a source, default 9), {@code bench.seed} (default 20170610),
 * {@code bench.randomDraws} (random lists per source, default 10).
 */
public final class RecommendBenchmark {

    static final int TOP = 5;
    static final int BATCH = 500;

    static final double TARGET_PRECISION = 0.85;
    static final int MIN_SOURCES = 1_000;

    static final String DEPLOYED = "Minbar, as deployed (RecommendService.related(article, 5))";
    static final String TEXT_ONLY = "Minbar, text only (SearchService.similarTo(id, 5): MoreLikeThis)";
    static final String NEWEST_SECTION = "Baseline: newest sharing the section";
    static final String NEWEST_TAG = "Baseline: newest sharing a tag (= newest overall: no tags)";
    static final String RANDOM = "Random (5 other articles, fixed seed)";

    private RecommendBenchmark() {
    }

    record Record(String corpusId, String title, String body, String category, LocalDate published) {
    }

    /** Hits (related articles of the source's category) and shown related articles, overall and per category. */
    static final class Score {
        long hits;
        long shown;
        long distinctRecords;
        int shortLists;
        final Map<String, long[]> byCategory = new TreeMap<>();

        /** {@code related}: corpus positions (article i is corpus record i mod n). */
        void add(String category, List<Integer> related, IntFunction<String> categoryOf) {
            int h = 0;
            for (int r : related) {
                if (categoryOf.apply(r).equals(category)) {
                    h++;
                }
            }
            hits += h;
            shown += related.size();
            distinctRecords += related.stream().map(r -> r % corpus.size()).distinct().count();
            if (related.size() < TOP) {
                shortLists++;
            }
            long[] c = byCategory.computeIfAbsent(category, k -> new long[2]);
            c[0] += h;
            c[1] += related.size();
        }

        double precision() {
            return shown == 0 ? Double.NaN : hits / (double) shown;
        }

        double precision(String category) {
            long[] c = byCategory.get(category);
            return c == null || c[1] == 0 ? Double.NaN : c[0] / (double) c[1];
        }
    }

    /** The running application's services, and the ids it gave the articles (position i: corpus record i mod n). */
    record Site(ConfigurableApplicationContext context, ArticleImport importer, PublishedArticles articles,
            RecommendService recommend,
            SearchService search, TaxonomyService taxonomy, JdbcTemplate jdbc, TransactionTemplate tx, List<Long> ids,
            Map<Long, Integer> positionOf) {
    }

    /** Timings of one measured pass of RecommendService.related over the sources. */
    record Timings(long[] first, long[] cached) {
    }

    private static List<Record> corpus;
    private static LocalDate newest;
    /** Measurements during which the index's version changed (a late commit): their "again" timings may include recomputations. */
    private static final List<String> versionChanged = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // The application logs to the console (stdout): the report alone goes to stdout, the rest to stderr.
        java.io.PrintStream report = System.out;
        System.setOut(System.err);
        quietLogging();
        int large = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 30_000;
        int every = Integer.getInteger("bench.every", 9);
        long seed = Long.getLong("bench.seed", 20170610L);
        int randomDraws = Integer.getInteger("bench.randomDraws", 10);
        Path corpusPath = Path.of(System.getProperty("minbar.corpus", SearchFixtures.CORPUS.toString()));
        if (!Files.isRegularFile(corpusPath)) {
            System.err.println("The corpus is not at " + corpusPath.toAbsolutePath()
                    + " (set -Dminbar.corpus=... or MINBAR_CORPUS for bench/recommend.sh)");
            System.exit(2);
        }
        String machine = machine();
        log("corpus " + corpusPath.toAbsolutePath());
        corpus = SearchFixtures.readCorpus(corpusPath).stream()
                .map(r -> new Record(r.corpusId(), r.title(), r.body(), r.category(), r.published())).toList();
        int n = corpus.size();
        newest = corpus.stream().map(Record::published).max(Comparator.naturalOrder()).orElseThrow();
        List<Integer> sources = new ArrayList<>();
        for (int i = 0; i < n; i += every) {
            sources.add(i);
        }
        log(String.format(Locale.ROOT, "%,d corpus records, %,d sources (every %dth), newest date %s", n, sources.size(),
                every, newest));
        IntFunction<String> categoryOf = i -> corpus.get(i % n).category();

        Map<String, Score> scores = new LinkedHashMap<>();
        for (String s : List.of(DEPLOYED, TEXT_ONLY, NEWEST_SECTION, NEWEST_TAG, RANDOM)) {
            scores.put(s, new Score());
        }

        Path data = Files.createTempDirectory("minbar-recommend-bench");
        Timings small;
        Timings atScale = null;
        Score deployedLarge = null;
        Score textLarge = null;
        double createSeconds;
        double createLargeSeconds = 0;
        String weights;
        try {
            log("starting the application on " + data);
            Site site = start(data);
            weights = weights();
            long t0 = System.nanoTime();
            create(site, n);
            createSeconds = seconds(System.nanoTime() - t0);

            // 1, 2. The deployed ranking and MoreLikeThis alone, from the same application.
            small = measure(site, sources, s -> Set.of(), scores.get(DEPLOYED), scores.get(TEXT_ONLY), "corpus size");

            if (large > n) {
                t0 = System.nanoTime();
                create(site, large);
                createLargeSeconds = seconds(System.nanoTime() - t0);
                deployedLarge = new Score();
                textLarge = new Score();
                // Copies of the source (the same record under another id) are passed as "already on the
                // page", the service's own way of leaving articles out.
                atScale = measure(site, sources, s -> copiesOf(site, s, large), deployedLarge, textLarge, "scale");
            }
            site.context().close();
        } finally {
            deleteRecursively(data);
        }

        // 3, 4. Newest of the section / newest overall (no tags in the corpus).
        List<Integer> byDate = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byDate.add(i);
        }
        byDate.sort(Comparator.comparing((Integer i) -> corpus.get(i).published()).reversed()
                .thenComparing(Comparator.reverseOrder()));
        for (int s : sources) {
            String category = corpus.get(s).category();
            List<Integer> sameSection = byDate.stream().filter(i -> i != s && corpus.get(i).category().equals(category))
                    .limit(TOP).toList();
            scores.get(NEWEST_SECTION).add(category, sameSection, categoryOf);
            List<Integer> newestOverall = byDate.stream().filter(i -> i != s).limit(TOP).toList();
            scores.get(NEWEST_TAG).add(category, newestOverall, categoryOf);
        }

        // 5. Random, averaged over several draws per source.
        Random random = new Random(seed);
        for (int s : sources) {
            for (int d = 0; d < randomDraws; d++) {
                Set<Integer> picked = new HashSet<>();
                List<Integer> related = new ArrayList<>();
                while (related.size() < TOP) {
                    int r = random.nextInt(n);
                    if (r != s && picked.add(r)) {
                        related.add(r);
                    }
                }
                scores.get(RANDOM).add(corpus.get(s).category(), related, categoryOf);
            }
        }

        System.setOut(report);
        report(machine, corpusPath, sources, every, randomDraws, seed, scores, weights, createSeconds, small, large,
                createLargeSeconds, atScale, deployedLarge, textLarge);
        log("done");
    }

    /** The application as the site runs it, on its own data directory, without the demo content. */
    private static Site start(Path data) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MinbarApplication.class).logStartupInfo(false)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .run("--minbar.data=" + data, "--server.port=0", "--minbar.demo.load-on-first-start=false",
                        "--logging.level.root=WARN");
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        return new Site(context, context.getBean(ArticleImport.class), context.getBean(PublishedArticles.class),
                context.getBean(RecommendService.class),
                context.getBean(SearchService.class), context.getBean(TaxonomyService.class),
                context.getBean(JdbcTemplate.class), tx, new ArrayList<>(), new java.util.HashMap<>());
    }

    /**
     * Creates articles up to {@code count} (position i is corpus record i mod n) through
     * ArticleImport, {@value #BATCH} a transaction, and waits until the application has indexed them.
     */
    private static void create(Site site, int count) throws InterruptedException {
        Map<String, Long> sections = new TreeMap<>();
        for (Record r : corpus) {
            sections.computeIfAbsent(r.category(), c -> site.taxonomy().ensureSection(c, c, SectionKind.NEWS).id());
        }
        int from = site.ids().size();
        log(String.format(Locale.ROOT, "creating articles %,d to %,d through ArticleImport.create", from + 1, count));
        long t0 = System.nanoTime();
        for (int start = from; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            int first = start;
            site.tx().executeWithoutResult(status -> {
                for (int i = first; i < end; i++) {
                    Record r = corpus.get(i % corpus.size());
                    StringBuilder body = new StringBuilder();
                    r.body().lines().map(String::strip).filter(l -> !l.isEmpty())
                            .forEach(p -> body.append("<p>").append(Entities.escape(p)).append("</p>\n"));
                    OffsetDateTime published = r.published().atTime(8, 0).plusMinutes(i % 600).atOffset(ZoneOffset.ofHours(1));
                    long id = site.importer().create(new ArticleDraft(r.title(), body.toString(), null, ArticleStatus.PUBLISHED,
                            "bench", sections.get(r.category()), List.of(), List.of(), null, null, published));
                    site.ids().add(id);
                    site.positionOf().put(id, i);
                }
            });
            if ((end - from) % 10_000 < BATCH || end == count) {
                log(String.format(Locale.ROOT, "  %,d created (%.0f/s)", end, (end - from) / seconds(System.nanoTime() - t0)));
            }
        }
        // The index is updated by the application's event listeners, after each commit.
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(30).toNanos();
        long waiting;
        while ((waiting = site.jdbc().queryForObject("select count(*) from event_publication where completion_date is null",
                Long.class)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting + " events still undelivered after 30 minutes");
            }
            Thread.sleep(500);
        }
        // Changes are visible within a tenth of a second and committed within a second (a commit is a
        // new version too): wait until the version has stayed put for 5 seconds.
        long version = site.search().contentVersion();
        for (int still = 0; still < 5; ) {
            Thread.sleep(1000);
            long now = site.search().contentVersion();
            still = now == version ? still + 1 : 0;
            version = now;
        }
        log(String.format(Locale.ROOT, "  indexed by the application (%.0f s since the first create)",
                seconds(System.nanoTime() - t0)));
    }

    private static List<Integer> positions(Site site, List<ArticleSummary> related) {
        return related.stream().map(a -> site.positionOf().get(a.id())).toList();
    }

    /** Ids of the other articles holding the same corpus record as source position s. */
    private static Set<Long> copiesOf(Site site, int s, int count) {
        Set<Long> copies = new HashSet<>();
        for (int i = s + corpus.size(); i < count; i += corpus.size()) {
            copies.add(site.ids().get(i));
        }
        return copies;
    }

    /**
     * For every source: RecommendService.related(article, 5, exclude), timed twice: the first call
     * computes the ranking (similarTo(id, 40), the candidates' summaries and tags from the
     * database; nothing is cached yet, since the content changed just before), the second gets the
     * cached ranking. Then SearchService.similarTo(id, 5 + excluded) without the excluded ids.
     * Single thread.
     */
    private static Timings measure(Site site, List<Integer> sources, IntFunction<Set<Long>> exclude, Score deployed,
            Score textOnly, String what) {
        long[] first = new long[sources.size()];
        long[] cached = new long[sources.size()];
        IntFunction<String> categoryOf = i -> corpus.get(i % corpus.size()).category();
        long version = site.search().contentVersion();
        for (int k = 0; k < sources.size(); k++) {
            int s = sources.get(k);
            Set<Long> ex = exclude.apply(s);
            Article article = site.articles().findPublished(site.ids().get(s)).orElseThrow();
            long t0 = System.nanoTime();
            List<ArticleSummary> related = site.recommend().related(article, TOP, ex);
            first[k] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            List<ArticleSummary> again = site.recommend().related(article, TOP, ex);
            cached[k] = System.nanoTime() - t0;
            if (!again.equals(related)) {
                throw new IllegalStateException("related() answered differently the second time for article " + article.id());
            }
            deployed.add(corpus.get(s).category(), positions(site, related), categoryOf);
            List<Integer> text = site.search().similarTo(article.id(), TOP + ex.size()).stream()
                    .filter(a -> !ex.contains(a.id())).limit(TOP).map(a -> site.positionOf().get(a.id())).toList();
            textOnly.add(corpus.get(s).category(), text, categoryOf);
        }
        if (site.search().contentVersion() != version) {
            // Nothing was created meanwhile, so the rankings are the same; only timings could mix.
            log("note: the index's version changed during the measurement at " + what);
            versionChanged.add(what);
        }
        log(String.format(Locale.ROOT, "at %s: as deployed %s, text only %s; related(article, 5): first call p50 %.2f ms,"
                + " again p50 %.3f ms", what, fmt(deployed.precision()), fmt(textOnly.precision()),
                SearchBenchmark.percentile(first, 0.5), SearchBenchmark.percentile(cached, 0.5)));
        return new Timings(first, cached);
    }

    /** The ranking's weights as RecommendService has them (package-private there: read, not copied). */
    private static String weights() throws ReflectiveOperationException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("RELATED_CANDIDATES", "TAG_WEIGHT", "SECTION_WEIGHT", "FRESHNESS_WEIGHT",
                "FRESHNESS_HALF_LIFE_DAYS")) {
            Field field = RecommendService.class.getDeclaredField(name);
            field.setAccessible(true);
            out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(field.get(null));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- report

    private static void report(String machine, Path corpusPath, List<Integer> sources, int every, int randomDraws, long seed,
            Map<String, Score> scores, String weights, double createSeconds, Timings small, int large,
            double createLargeSeconds, Timings atScale, Score deployedLarge, Score textLarge) {
        StringBuilder out = new StringBuilder();
        int n = corpus.size();
        Map<String, Long> categories = corpus.stream().collect(Collectors.groupingBy(Record::category, TreeMap::new,
                Collectors.counting()));
        Map<String, Long> sourceCategories = sources.stream().collect(Collectors.groupingBy(i -> corpus.get(i).category(),
                TreeMap::new, Collectors.counting()));
        long newestAgeDays = ChronoUnit.DAYS.between(newest, LocalDate.now(ZoneOffset.UTC));
        line(out, "MINBAR RELATED-ARTICLES BENCHMARK (precision@5 = share of the 5 related articles having the source's category)");
        out.append(machine);
        line(out, "Corpus:    " + corpusPath.toAbsolutePath().normalize() + String.format(Locale.ROOT,
                " (%,d articles, %d categories, dates up to %s)", n, categories.size(), newest));
        line(out, String.format(Locale.ROOT, "Sources:   %,d articles (every %dth corpus article, from the first)", sources.size(),
                every));
        line(out, String.format(Locale.ROOT, "Measured:  the application itself (Spring context, H2, search index on disk); %,d"
                + " articles created through ArticleImport.create (published, section = corpus category, no tags) and indexed"
                + " by its own events in %.0f s", n, createSeconds));
        line(out, "           as deployed = RecommendService.related(article, 5), the call the article page makes; its weights: "
                + weights);
        line(out, String.format(Locale.ROOT, "           freshness counts from now: the newest corpus article is %,d days old, so"
                + " it adds nothing measurable here", newestAgeDays));
        line(out, String.format(Locale.ROOT, "Note:      the corpus is %.1f%% localNews (%,d of %,d): a list of random articles"
                + " already scores about %.2f; judge the per-category table too.", 100.0 * categories.get("localNews") / n,
                categories.get("localNews"), n, randomExpectation(categories, sourceCategories)));
        line(out, "");
        line(out, "PRECISION@5 (" + String.format(Locale.ROOT, "%,d", sources.size()) + " sources, corpus of "
                + String.format(Locale.ROOT, "%,d", n) + " articles)");
        scores.forEach((name, score) -> line(out, String.format(Locale.ROOT, "  %-72s %s  (%,d related judged%s)", name,
                fmt(score.precision()), score.shown, score.shortLists == 0 ? "" : String.format(Locale.ROOT,
                        "; %d sources with fewer than 5", score.shortLists / (name.equals(RANDOM) ? randomDraws : 1)))));
        line(out, "  as deployed: 40 MoreLikeThis candidates rescored (score/best + same section + shared tags + freshness), then");
        line(out, "    filled from the same section when short; the section IS the category label here.");
        line(out, "  text only: MoreLikeThis over title+body alone, from the same running application's index.");
        line(out, "  newest sharing the section: the section IS the category label here, so this baseline is 1.00 by"
                + " construction.");
        line(out, "  newest sharing a tag: the corpus has no tags, so this is the 5 newest articles overall.");
        line(out, String.format(Locale.ROOT, "  random: %d draws of 5 distinct other articles per source, seed %d.",
                randomDraws, seed));
        line(out, "");
        line(out, "PER CATEGORY (precision@5)");
        line(out, String.format(Locale.ROOT, "  %-18s %8s %8s %10s %12s %8s", "category", "corpus", "sources", "text only",
                "as deployed", "random"));
        for (String c : categories.keySet()) {
            line(out, String.format(Locale.ROOT, "  %-18s %7.1f%% %8d %10s %12s %8s", c, 100.0 * categories.get(c) / n,
                    sourceCategories.getOrDefault(c, 0L), fmt(scores.get(TEXT_ONLY).precision(c)),
                    fmt(scores.get(DEPLOYED).precision(c)), fmt(scores.get(RANDOM).precision(c))));
        }
        line(out, String.format(Locale.ROOT, "  %-18s %8s %8s %10s %12s", "mean of categories", "", "",
                fmt(macro(scores.get(TEXT_ONLY), sourceCategories.keySet())),
                fmt(macro(scores.get(DEPLOYED), sourceCategories.keySet()))));
        line(out, "");
        line(out, "TIME of RecommendService.related(article, 5) per source (single thread; the machine's load average at start is"
                + " in the header)");
        line(out, "  first call: the ranking is computed (similarTo(id, 40), 40 candidates' summaries and tags from H2);"
                + " again: the cached ranking");
        timingLine(out, String.format(Locale.ROOT, "%,7d articles", n), small);
        if (!versionChanged.isEmpty()) {
            line(out, "  note: the index's version changed during the measurement at " + String.join(" and ", versionChanged)
                    + " (a late commit): some \"again\" calls there may have ranked again");
        }
        if (atScale != null) {
            timingLine(out, String.format(Locale.ROOT, "%,7d articles", large), atScale);
            line(out, "");
            line(out, String.format(Locale.ROOT, "AT %,d ARTICLES (the corpus repeated with new ids, ~%d identical copies of"
                    + " each record; %,d more created and indexed in %.0f s)", large, (large + n - 1) / n, large - n,
                    createLargeSeconds));
            line(out, "  Copies of the source (the same corpus record under another id) are left out: passed to related() as"
                    + " already on the page,");
            line(out, "  and dropped from similarTo's list. Copies of OTHER records stay (identical text, identical score), so");
            line(out, String.format(Locale.ROOT, "  the 5 related are mostly copies of few records: distinct corpus records"
                    + " among them, mean: text only %.2f, as deployed %.2f.", textLarge.distinctRecords / (double) sources.size(),
                    deployedLarge.distinctRecords / (double) sources.size()));
            line(out, "  So these figures judge only the best one or two other records of each source: a check that ranking"
                    + " holds at scale, not");
            line(out, String.format(Locale.ROOT, "  comparable with the precision@5 above (a real site of %,d distinct articles"
                    + " would show 5 different ones).", large));
            line(out, String.format(Locale.ROOT, "  %-72s %s  (%,d related judged)", DEPLOYED, fmt(deployedLarge.precision()),
                    deployedLarge.shown));
            line(out, String.format(Locale.ROOT, "  %-72s %s  (%,d related judged)", TEXT_ONLY, fmt(textLarge.precision()),
                    textLarge.shown));
        } else {
            line(out, "  (no run at scale: argument " + large + ")");
        }
        line(out, "");
        line(out, "TARGETS");
        double text = scores.get(TEXT_ONLY).precision();
        double deployed = scores.get(DEPLOYED).precision();
        double baseline = scores.get(NEWEST_SECTION).precision();
        target(out, deployed >= TARGET_PRECISION, "precision@5 >= " + TARGET_PRECISION + " as deployed: " + fmt(deployed)
                + " (" + scores.get(DEPLOYED).hits + "/" + scores.get(DEPLOYED).shown + ")");
        target(out, text >= TARGET_PRECISION, "precision@5 >= " + TARGET_PRECISION + " text only: " + fmt(text)
                + " (" + scores.get(TEXT_ONLY).hits + "/" + scores.get(TEXT_ONLY).shown + ")");
        target(out, deployed > baseline, "as deployed above the baseline \"newest sharing the section\": " + fmt(deployed)
                + " vs " + fmt(baseline) + ".");
        line(out, "         This target cannot be met on this corpus: the section IS the category label being judged, so"
                + " that baseline");
        line(out, "         is 1.00 by construction. It only says the category is known; it says nothing of the text."
                + String.format(Locale.ROOT, " Against \"newest sharing a tag\" (%s) and random (%s) Minbar is far above.",
                        fmt(scores.get(NEWEST_TAG).precision()), fmt(scores.get(RANDOM).precision())));
        target(out, sources.size() >= MIN_SOURCES, String.format(Locale.ROOT, "at least %,d sources: %,d", MIN_SOURCES,
                sources.size()));
        System.out.print(out);
        System.out.flush();
    }

    private static void timingLine(StringBuilder out, String what, Timings t) {
        line(out, String.format(Locale.ROOT, "  %s: first call p50 %6.2f ms  p99 %6.2f ms | again p50 %6.3f ms  p99 %6.3f ms",
                what, SearchBenchmark.percentile(t.first(), 0.5), SearchBenchmark.percentile(t.first(), 0.99),
                SearchBenchmark.percentile(t.cached(), 0.5), SearchBenchmark.percentile(t.cached(), 0.99)));
    }

    /** Expected precision@5 of random lists: sum over sources' categories of the category's share. */
    private static double randomExpectation(Map<String, Long> categories, Map<String, Long> sourceCategories) {
        long total = sourceCategories.values().stream().mapToLong(Long::longValue).sum();
        double sum = 0;
        for (Map.Entry<String, Long> e : sourceCategories.entrySet()) {
            sum += e.getValue() * (double) categories.get(e.getKey()) / corpus.size();
        }
        return sum / total;
    }

    private static double macro(Score score, Set<String> categories) {
        return categories.stream().mapToDouble(score::precision).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "  n/a" : String.format(Locale.ROOT, "%.3f", d);
    }
}
