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
 * <p>Arguments: {@code [SECONDS_PER_ROUND] [ROUNDS] [CONCURRENCY]}, default 10, 4, 8; system property
 * {@code bench.warmup} (seconds per site, default 60). Run by
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
        // An A/A run of this set-up (both sites counting off) showed the site started first about 14%
        // slower than the other. So the comparison is made twice, once with each site started first,
        // and the two ratios are combined: the start-order bias cancels out.
        // -Dbench.sites=off,off (or on,on) runs one A/A pair instead, to check the set-up itself.
        String sitesProperty = System.getProperty("bench.sites");
        List<String[]> pairs = sitesProperty != null ? List.<String[]>of(sitesProperty.split(","))
                : List.of(new String[] {"on", "off"}, new String[] {"off", "on"});
        List<Pair> results = new ArrayList<>();
        for (String[] kinds : pairs) {
            results.add(pair(jar, client, kinds, secondsPerRound, rounds, concurrency, readers));
        }
        report(machine, results, secondsPerRound, rounds, concurrency, readers.get());
    }

    /** One pair of sites, started in the given order, loaded in alternating rounds. */
    record Pair(String[] names, double[][] perRound, String path, String popularOfFirst) {
        double ratio() {
            double logRatio = 0;
            for (int r = 0; r < perRound[0].length; r++) {
                logRatio += Math.log(perRound[0][r] / perRound[1][r]);
            }
            return Math.exp(logRatio / perRound[0].length);
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
            // Report with the counting site first when there is one.
            int on = kinds[0].strip().equals("on") || !kinds[1].strip().equals("on") ? 0 : 1;
            String popular = get(client, sites.get(on).base() + "/api/v1/popular?window=day");
            return new Pair(new String[] {sites.get(on).name(), sites.get(1 - on).name()},
                    new double[][] {perRound[on], perRound[1 - on]}, path, popular);
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

    private static void report(String machine, List<Pair> pairs, int seconds, int rounds, int concurrency, long readers) {
        StringBuilder out = new StringBuilder();
        line(out, "MINBAR VIEW-COUNTING COST (article page throughput, counting on vs off, same run)");
        line(out, machine.stripTrailing());
        line(out, String.format(Locale.ROOT, "Load:      per pair of sites, %d rounds of %d s per site, alternating; %d concurrent clients on"
                + " loopback; every request a new reader (%,d in all), so every request is a counted view", rounds, seconds,
                concurrency, readers));
        line(out, "Page:      " + pairs.get(0).path() + " (the reference article, rendered on every request: no page cache yet)");
        line(out, "PAGES PER SECOND");
        double logCombined = 0;
        for (Pair pair : pairs) {
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-28s", "site"));
            for (int r = 0; r < rounds; r++) {
                header.append(String.format(Locale.ROOT, "  round %d", r + 1));
            }
            line(out, header + "   median");
            for (int s = 0; s < 2; s++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-28s", pair.names()[s]));
                for (double v : pair.perRound()[s]) {
                    row.append(String.format(Locale.ROOT, "  %7.0f", v));
                }
                line(out, row + String.format(Locale.ROOT, "  %7.0f", median(pair.perRound()[s])));
            }
            line(out, String.format(Locale.ROOT, "  ratio %s / %s (geometric mean of the per-round ratios): %.3f", pair.names()[0],
                    pair.names()[1], pair.ratio()));
            logCombined += Math.log(pair.ratio());
            String id = pair.path().replaceFirst("^/news/(\\d+)/.*", "$1");
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("\"id\":(\\d+)")
                    .matcher(pair.popularOfFirst() == null ? "" : pair.popularOfFirst());
            if (pair.names()[0].startsWith("counting on")) {
                line(out, "  counted: that site's /api/v1/popular?window=day " + (first.find() && first.group(1).equals(id)
                        ? "ranks the reference article (id " + id + ") first" : "answered: " + pair.popularOfFirst()));
            }
        }
        double ratio = Math.exp(logCombined / pairs.size());
        double difference = Math.abs(1 - ratio);
        line(out, String.format(Locale.ROOT, "Combined over %d pair(s) (start-order bias cancelled): counting on / off = %.3f,"
                + " counting on serves %.1f%% %s pages per second", pairs.size(), ratio, difference * 100, ratio < 1 ? "fewer" : "more"));
        line(out, "TARGETS");
        target(out, difference < TARGET_DIFFERENCE, String.format(Locale.ROOT,
                "throughput with counting on within 5%% of counting off: %.1f%% apart", difference * 100));
        System.out.print(out);
    }
}
