package org.minbar.search;

import static org.minbar.search.BenchSupport.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.minbar.support.SeedFile;

/**
 * What counting page views costs readers: the article page's throughput with view counting on
 * and off, in the same run. Two sites run from {@code target/minbar.jar} side by side (separate data
 * directories, the demo content, {@code minbar.recommend.count-views} true or false); load rounds
 * alternate between them so both see the same machine. Every request comes from a new reader
 * (its own User-Agent), so every request is a counted view: the worst case for counting.
 *
 * <p>The set-up has a bias of its own (one of two identical sites started side by side serves
 * noticeably more pages than the other) and noise from the shared machine, both larger than the 5 %
 * the target asks to resolve. So the run also measures them: by default two pairs of sites compare
 * counting on and off (once with each started first) and two A/A pairs (both off) measure the
 * set-up alone. Each pair gives the log of the geometric mean of its per-round ratios (first
 * started / second started); a least-squares fit of all pairs separates the effect of counting from
 * the start-order bias, and the pairs' residuals give the noise and a 95 % interval for the effect
 * (Student's t). The verdict says only what that interval supports: within 5 % when the whole
 * interval is, more than 5 % when none of it is, and otherwise that this run cannot tell.
 *
 * <p>Arguments: {@code [SECONDS_PER_ROUND] [ROUNDS] [CONCURRENCY]}, default 10, 4, 8; system
 * properties {@code bench.warmup} (seconds per site, default 60) and {@code bench.pairs} (default
 * {@code on,off;off,on;off,off;off,off}: each pair in start order). Run by
 * {@code bench/page-views.sh}; progress on stderr, the report on stdout.
 */
public final class ViewCountingBenchmark {

    static final double TARGET_DIFFERENCE = 0.05;

    private ViewCountingBenchmark() {
    }

    record Site(String name, Process process, Path data, String base) {
    }

    public static void main(String[] args) throws Exception {
        int secondsPerRound = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path jar = Path.of("target", "minbar.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("target/minbar.jar is missing: build it with ./mvnw -DskipTests package");
            System.exit(2);
        }
        String machine = machine();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong readers = new AtomicLong();
        // Each pair in start order; "off,off" pairs (A/A) measure the set-up's own bias and noise.
        List<String[]> pairs = new ArrayList<>();
        for (String pair : System.getProperty("bench.pairs", "on,off;off,on;off,off;off,off").split(";")) {
            String[] kinds = pair.strip().split(",");
            if (kinds.length != 2 || !List.of("on", "off").containsAll(List.of(kinds[0].strip(), kinds[1].strip()))) {
                throw new IllegalArgumentException("bench.pairs: pairs like on,off separated by ';', not " + pair);
            }
            pairs.add(new String[] {kinds[0].strip(), kinds[1].strip()});
        }
        List<Pair> results = new ArrayList<>();
        for (String[] kinds : pairs) {
            results.add(pair(jar, client, kinds, secondsPerRound, rounds, concurrency, readers));
        }
        report(machine, results, secondsPerRound, rounds, concurrency, readers.get());
    }

    /**
     * One pair of sites, in start order: kinds "on"/"off", pages per second per round, the article's
     * path, and what the counting site's popular list answered.
     */
    record Pair(String[] kinds, double[][] perRound, String path, String popularOfCounting) {

        /** Mean over rounds of log(first started / second started): the log of the geometric mean ratio. */
        double logRatio() {
            double sum = 0;
            for (int r = 0; r < perRound[0].length; r++) {
                sum += Math.log(perRound[0][r] / perRound[1][r]);
            }
            return sum / perRound[0].length;
        }

        /** +1 when counting is on in the first started site only, -1 in the second only, 0 when both are alike. */
        int counting() {
            return kinds[0].equals(kinds[1]) ? 0 : kinds[0].equals("on") ? 1 : -1;
        }

        String name(int k) {
            return "counting " + kinds[k] + (k == 0 ? " (started first)" : "");
        }
    }

    private static Pair pair(Path jar, HttpClient client, String[] kinds, int secondsPerRound, int rounds, int concurrency,
            AtomicLong readers) throws Exception {
        List<Site> sites = new ArrayList<>();
        try {
            for (int k = 0; k < 2; k++) {
                boolean on = kinds[k].strip().equals("on");
                sites.add(start(jar, "counting " + (on ? "on" : "off") + (k == 0 ? " (started first)" : ""), on));
            }
            String path = null;
            for (Site site : sites) {
                awaitReady(client, site);
                path = articlePath(client, site);
            }
            log("article page: " + path);
            // The JIT on two cores takes about a minute to settle; before that, throughput keeps rising.
            int warmUp = Integer.getInteger("bench.warmup", 60);
            for (Site site : sites) {
                log("warming up " + site.name() + " for " + warmUp + " s");
                load(client, site.base() + path, warmUp, concurrency, readers);
            }
            double[][] perRound = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternate the order so that neither site always runs first in a round.
                for (int k = 0; k < 2; k++) {
                    int s = (r % 2 == 0) ? k : 1 - k;
                    perRound[s][r] = load(client, sites.get(s).base() + path, secondsPerRound, concurrency, readers);
                    log(String.format(Locale.ROOT, "round %d, %s: %.0f pages/s", r + 1, sites.get(s).name(), perRound[s][r]));
                }
            }
            int on = kinds[0].equals("on") ? 0 : kinds[1].equals("on") ? 1 : -1;
            String popular = on < 0 ? null : get(client, sites.get(on).base() + "/api/v1/popular?window=day");
            return new Pair(kinds, perRound, path, popular);
        } finally {
            for (Site site : sites) {
                site.process().destroy();
                site.process().waitFor(30, TimeUnit.SECONDS);
                deleteRecursively(site.data());
            }
        }
    }

    private static Site start(Path jar, String name, boolean countViews) throws IOException {
        Path data = Files.createTempDirectory("minbar-views-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-XX:+UseG1GC", "-jar", jar.toString(),
                "--minbar.recommend.count-views=" + countViews, "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(data.resolve("site.log").toFile());
        builder.environment().put("MINBAR_DATA", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        log("starting the site with " + name + " on port " + port);
        return new Site(name, builder.start(), data, "http://127.0.0.1:" + port);
    }

    /** Up, with the demo content loaded (the first start loads it). */
    private static void awaitReady(HttpClient client, Site site) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!site.process().isAlive()) {
                throw new IllegalStateException(site.name() + ": the site stopped; see " + site.data().resolve("site.log"));
            }
            try {
                String body = get(client, site.base() + "/api/v1/articles?limit=1");
                if (body != null && body.contains("\"id\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(site.name() + ": not ready after 3 minutes");
    }

    static final String SEED_TITLE = SeedFile.TITLE;

    /** The reference article's address (the seed of the demo content), read from the redirect of its slug. */
    private static String articlePath(HttpClient client, Site site) throws Exception {
        String slug = java.net.URLEncoder.encode(org.minbar.taxonomy.Slugs.of(SEED_TITLE), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(site.base() + "/news/" + slug)).build(),
                HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the seed article did not redirect: " + response.statusCode()));
        return URI.create(site.base()).resolve(location).getRawPath();
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : null;
    }

    /** Pages per second over {@code seconds}, each request from a new reader; every answer must be 200. */
    private static double load(HttpClient client, String url, int seconds, int concurrency, AtomicLong readers)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                while (!stop.get()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) reader/" + readers.incrementAndGet())
                            .build();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        (response.statusCode() == 200 ? done : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        double elapsed = seconds(System.nanoTime() - t0);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests failed on " + url);
        }
        return done.get() / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The two-sided 95 % quantile of Student's t for 1 to 30 degrees of freedom (1.96 beyond). */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
            2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
            2.048, 2.045, 2.042};

    static double t975(int degreesOfFreedom) {
        return degreesOfFreedom <= T975.length ? T975[degreesOfFreedom - 1] : 1.96;
    }

    /**
     * Least squares over the pairs of logRatio = effect * counting + bias: the effect of counting (log
     * of on/off), the start-order bias (log of first/second started), the residual standard deviation
     * of one pair, the standard error of the effect and the degrees of freedom (NaN when there are
     * none left: the pairs do not separate effect, bias and noise).
     */
    record Fit(double effect, double bias, double sigma, double effectError, int degreesOfFreedom) {

        static Fit of(List<Pair> pairs) {
            double saa = 0;
            double sa = 0;
            double sax = 0;
            double sx = 0;
            int n = pairs.size();
            for (Pair p : pairs) {
                saa += p.counting() * p.counting();
                sa += p.counting();
                sax += p.counting() * p.logRatio();
                sx += p.logRatio();
            }
            double det = saa * n - sa * sa;
            if (det == 0) {
                return new Fit(Double.NaN, sx / n, Double.NaN, Double.NaN, 0);
            }
            double effect = (n * sax - sa * sx) / det;
            double bias = (saa * sx - sa * sax) / det;
            int df = n - 2;
            if (df < 1) {
                return new Fit(effect, bias, Double.NaN, Double.NaN, 0);
            }
            double rss = 0;
            for (Pair p : pairs) {
                double residual = p.logRatio() - effect * p.counting() - bias;
                rss += residual * residual;
            }
            double sigma = Math.sqrt(rss / df);
            return new Fit(effect, bias, sigma, sigma * Math.sqrt(n / det), df);
        }
    }

    private static String percent(double logRatio) {
        return String.format(Locale.ROOT, "%+.1f%%", (Math.exp(logRatio) - 1) * 100);
    }

    private static void report(String machine, List<Pair> pairs, int seconds, int rounds, int concurrency, long readers) {
        StringBuilder out = new StringBuilder();
        line(out, "MINBAR VIEW-COUNTING COST (article page throughput, counting on vs off, same run)");
        line(out, machine.stripTrailing());
        line(out, String.format(Locale.ROOT, "Load:      per pair of sites, %d rounds of %d s per site, alternating; %d concurrent clients on"
                + " loopback; every request a new reader (%,d in all), so every request is a counted view", rounds, seconds,
                concurrency, readers));
        line(out, "Page:      " + pairs.get(0).path() + " (the reference article)");
        line(out, "PAGES PER SECOND (each pair: two sites started side by side, in this order)");
        double roundSpread = 0;
        int roundCount = 0;
        for (Pair pair : pairs) {
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-28s", "site"));
            for (int r = 0; r < rounds; r++) {
                header.append(String.format(Locale.ROOT, "  round %d", r + 1));
            }
            line(out, header + "   median");
            for (int k = 0; k < 2; k++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-28s", pair.name(k)));
                for (double v : pair.perRound()[k]) {
                    row.append(String.format(Locale.ROOT, "  %7.0f", v));
                }
                line(out, row + String.format(Locale.ROOT, "  %7.0f", median(pair.perRound()[k])));
            }
            StringBuilder ratios = new StringBuilder(String.format(Locale.ROOT, "  %-28s", "ratio first / second"));
            double[] perRoundRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                perRoundRatio[r] = pair.perRound()[0][r] / pair.perRound()[1][r];
                ratios.append(String.format(Locale.ROOT, "  %7.3f", perRoundRatio[r]));
            }
            line(out, ratios + String.format(Locale.ROOT, "  %7.3f", median(perRoundRatio)));
            line(out, String.format(Locale.ROOT, "  first / second started (geometric mean of the per-round ratios): %.3f%s",
                    Math.exp(pair.logRatio()), pair.counting() == 0 ? "   (A/A: both sites alike)" : ""));
            for (int r = 0; r < rounds; r++) {
                double d = Math.log(pair.perRound()[0][r] / pair.perRound()[1][r]) - pair.logRatio();
                roundSpread += d * d;
                roundCount++;
            }
            if (pair.counting() != 0) {
                String id = pair.path().replaceFirst("^/news/(\\d+)/.*", "$1");
                java.util.regex.Matcher first = java.util.regex.Pattern.compile("\"id\":(\\d+)")
                        .matcher(pair.popularOfCounting() == null ? "" : pair.popularOfCounting());
                line(out, "  counted: the counting site's /api/v1/popular?window=day " + (first.find() && first.group(1).equals(id)
                        ? "ranks the reference article (id " + id + ") first" : "answered: " + pair.popularOfCounting()));
            }
        }
        Fit fit = Fit.of(pairs);
        line(out, "THE INSTRUMENT (what the set-up does on its own)");
        pairs.stream().filter(p -> p.counting() == 0).forEach(p -> line(out, String.format(Locale.ROOT,
                "  A/A pair (both %s): the site started first served %s pages per second", p.kinds()[0],
                percent(p.logRatio()))));
        line(out, String.format(Locale.ROOT, "  start-order bias (fit over all pairs): first started %s", percent(fit.bias())));
        line(out, String.format(Locale.ROOT, "  round-to-round spread within a pair: %.1f%% (standard deviation of the per-round"
                + " log ratios around their pair's mean)", 100 * Math.sqrt(roundSpread / Math.max(1, roundCount - pairs.size()))));
        if (fit.degreesOfFreedom() > 0) {
            line(out, String.format(Locale.ROOT, "  pair-to-pair noise: %.1f%% (residual standard deviation of one pair's ratio,"
                    + " %d degree(s) of freedom)", 100 * fit.sigma(), fit.degreesOfFreedom()));
        }
        line(out, "THE EFFECT OF COUNTING (fit: log ratio = effect x counting + start-order bias, over all pairs)");
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (Double.isNaN(fit.effect())) {
            line(out, "  no pair compares counting on and off: nothing to judge");
        } else {
            line(out, String.format(Locale.ROOT, "  counting on / off = %.3f (counting on serves %s pages per second)",
                    Math.exp(fit.effect()), percent(fit.effect())));
            if (fit.degreesOfFreedom() > 0) {
                double half = t975(fit.degreesOfFreedom()) * fit.effectError();
                lo = Math.exp(fit.effect() - half);
                hi = Math.exp(fit.effect() + half);
                line(out, String.format(Locale.ROOT, "  95%% interval: %.3f to %.3f (%s to %s; standard error %.1f%%, t(%d) = %.2f)",
                        lo, hi, percent(fit.effect() - half), percent(fit.effect() + half), 100 * fit.effectError(),
                        fit.degreesOfFreedom(), t975(fit.degreesOfFreedom())));
            } else {
                line(out, "  no interval: the pairs leave no degree of freedom for the noise (add an A/A pair, -Dbench.pairs)");
            }
        }
        line(out, "TARGETS");
        double limit = TARGET_DIFFERENCE;
        if (Double.isNaN(lo)) {
            line(out, "  [NOT JUDGED] throughput with counting on within 5% of counting off: this run measured no noise to judge it by");
        } else if (lo >= 1 - limit && hi <= 1 + limit) {
            target(out, true, String.format(Locale.ROOT, "throughput with counting on within 5%% of counting off: the whole 95%%"
                    + " interval (%.3f to %.3f) is within 5%%", lo, hi));
        } else if (hi < 1 - limit || lo > 1 + limit) {
            target(out, false, String.format(Locale.ROOT, "throughput with counting on within 5%% of counting off: the whole 95%%"
                    + " interval (%.3f to %.3f) is outside", lo, hi));
        } else {
            line(out, String.format(Locale.ROOT, "  [UNDECIDED] throughput with counting on within 5%% of counting off: the 95%%"
                    + " interval (%.3f to %.3f) is wider than the target; this run cannot tell", lo, hi));
            line(out, String.format(Locale.ROOT, "              what it supports: counting costs at most %.1f%% of the pages"
                    + " per second (95%%)", Math.max(0, (1 - lo) * 100)));
        }
        System.out.print(out);
    }
}
