package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.recommend.RecommendService;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reader pages served from the one-second page cache: the same bytes and headers, never stale after a change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageCacheIntegrationTests {

    /** A CDN's purge endpoint: what Minbar asks it to purge. */
    static final java.util.concurrent.BlockingQueue<String> purges = new java.util.concurrent.LinkedBlockingQueue<>();
    static com.sun.net.httpserver.HttpServer cdn;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws java.io.IOException {
        TestDatabases.useH2(registry);
        cdn = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        cdn.createContext("/purge", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            purges.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Surrogate-Key") + " " + body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        cdn.start();
        registry.add("minbar.site.caching.purge-url", () -> "http://127.0.0.1:" + cdn.getAddress().getPort() + "/purge");
        registry.add("minbar.site.caching.purge-token", () -> "test-token");
        registry.add("minbar.site.caching.cache-tag", () -> "true");
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCdn() {
        cdn.stop(0);
    }

    @Autowired
    org.minbar.taxonomy.TaxonomyService taxonomy;

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    ArticleImport imports;

    @Autowired
    RecommendService recommend;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String userAgent) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("User-Agent", userAgent).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, List<String>> securityHeaders(HttpResponse<?> response) {
        return Map.of("csp", response.headers().allValues("Content-Security-Policy"),
                "nosniff", response.headers().allValues("X-Content-Type-Options"),
                "frame", response.headers().allValues("X-Frame-Options"),
                "type", response.headers().allValues("Content-Type"));
    }

    @Test
    void aPageServedAgainHasTheSameBytesAndSecurityHeaders() throws Exception {
        Article seed = editing.find(articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow()).orElseThrow();
        for (String path : List.of("/", seed.path(), "/popular")) {
            // A copy left stale by another test's publish is answered once more while it is rendered again.
            HttpResponse<String> first = get(path, "reader-1");
            HttpResponse<String> again = get(path, "reader-1");
            for (int tries = 0; tries < 20 && !again.body().equals(first.body()); tries++) {
                Thread.sleep(50);
                first = again;
                again = get(path, "reader-1");
            }
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            assertThat(again.body()).as(path).isEqualTo(first.body());
            assertThat(securityHeaders(again)).as(path).isEqualTo(securityHeaders(first));
            assertThat(again.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            assertThat(again.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
    }

    @Test
    void aReaderWhoHasThePageIsAnswered304UntilItChangesAndSharedCachesKeepItForASecondOnly() throws Exception {
        long id = imports.create(new ArticleDraft("عنوان قبل الإصدار الجديد", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        String path = editing.find(id).orElseThrow().path();
        HttpResponse<String> first = get(path, "reader-7");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).as("strong: the gzipped copy has its own").matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, s-maxage=1, stale-while-revalidate=10");
        assertThat(first.headers().allValues("Pragma")).isEmpty();

        for (int i = 0; i < 3; i++) { // from the copy, and from a rendering once the copy is older than a second
            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("User-Agent", "reader-7").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(again.headers().firstValue("Content-Security-Policy")).isPresent();
            Thread.sleep(700);
        }

        Article stored = editing.find(id).orElseThrow();
        ArticleEdit edit = ArticleEdit.of(stored);
        editing.save(id, edit.withText("عنوان بعد الإصدار الجديد", edit.bodyHtml()), stored.version(), "editor");
        HttpResponse<String> changed = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("User-Agent", "reader-7").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as("an editor's change is sent at once").isEqualTo(200);
        assertThat(changed.body()).contains("عنوان بعد الإصدار الجديد");
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void newsroomPagesAreNeverKeptByBrowsersOrSharedCaches() throws Exception {
        HttpResponse<String> login = get("/newsroom/login", "editor-1");
        assertThat(login.headers().firstValue("Cache-Control")).isPresent().get().asString().contains("no-store");
        assertThat(login.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void aPageIsRenderedAgainAfterASecondWhileItsReaderIsAnsweredFromTheCopy() throws Exception {
        long id = imports.create(new ArticleDraft("عنوان قبل التعديل المباشر", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        String path = editing.find(id).orElseThrow().path();
        assertThat(get(path, "reader-4").body()).contains("عنوان قبل التعديل المباشر");
        // Written behind the application's back (no event): only a render can show it.
        jdbc.sql("update article set title = 'عنوان بعد التعديل المباشر' where id = ?").param(id).update();
        assertThat(get(path, "reader-4").body()).as("served from the cache").contains("عنوان قبل التعديل المباشر");
        Thread.sleep(1_100);
        HttpResponse<String> older = get(path, "reader-4");
        assertThat(older.body()).as("answered from the copy, without waiting").contains("عنوان قبل التعديل المباشر");
        assertThat(older.headers().firstValue("Connection")).as("the rendering after it does not hold the connection")
                .hasValue("close");
        // That request renders it again after answering: readers meanwhile still get the copy. The read
        // models heard no event either: the rendering shows the change once their copy has lived its time.
        long deadline = System.nanoTime() + 2_000_000_000L + org.minbar.system.KeptCopies.TIME_TO_LIVE.toNanos();
        String page = get(path, "reader-4").body();
        while (!page.contains("عنوان بعد التعديل المباشر") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            page = get(path, "reader-4").body();
        }
        assertThat(page).as("rendered again by that request").contains("عنوان بعد التعديل المباشر");
    }

    @Test
    void afterAnImportPublishesAnArticleReadersGetTheCopyWhileThePageIsRenderedAgainForASecondAtMost() throws Exception {
        // The home page as kept (a copy left by another test's import is rendered again first).
        String before = get("/", "reader-6").body();
        for (int tries = 0; tries < 20; tries++) {
            Thread.sleep(50);
            String again = get("/", "reader-6").body();
            if (again.equals(before)) {
                break;
            }
            before = again;
        }
        long committed = System.nanoTime();
        imports.create(new ArticleDraft("خبر من أرشيف مستورد يظهر بعد لحظة", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, OffsetDateTime.now()));
        HttpResponse<String> first = get("/", "reader-6");
        assertThat(first.body()).as("answered from the copy, without waiting for a rendering").isEqualTo(before);
        assertThat(first.headers().firstValue("Connection")).hasValue("close");
        String home;
        do {
            home = get("/", "reader-6").body();
        } while (!home.contains("خبر من أرشيف مستورد يظهر بعد لحظة") && System.nanoTime() - committed < 1_000_000_000L);
        assertThat(home).as("on the home page within a second of the import's publish").contains("خبر من أرشيف مستورد يظهر بعد لحظة");
    }

    @Test
    void aCopyFromBeforeAPublishIsNeverServedMoreThanASecondAfterIt() throws Exception {
        get("/", "reader-5");
        imports.create(new ArticleDraft("خبر نُشر ولم يقرأ أحد الصفحة الأولى بعده", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        Thread.sleep(1_100);
        assertThat(get("/", "reader-5").body()).as("the copy is too old to serve: this reader waits for the rendering")
                .contains("خبر نُشر ولم يقرأ أحد الصفحة الأولى بعده");
    }

    @Test
    void aPublishShowsOnTheHomePageAndAnUnpublishRemovesThePageAtOnce() throws Exception {
        get("/", "reader-2");
        // Published by an editor (an import's publish may show a second later, see below).
        long id = imports.create(new ArticleDraft("خبر جديد يظهر في الصفحة الأولى فوراً", "<p>نص الخبر الجديد.</p>", null,
                ArticleStatus.DRAFT, null, null, List.of(), List.of(), null, null, null));
        workflow.publish(id);
        String path = editing.find(id).orElseThrow().path();
        assertThat(get("/", "reader-2").body()).as("the first reader after a publish gets the page rendered anew")
                .contains("خبر جديد يظهر في الصفحة الأولى فوراً");
        assertThat(get(path, "reader-2").statusCode()).isEqualTo(200);
        assertThat(get(path, "reader-2").statusCode()).isEqualTo(200);

        workflow.unpublish(id);
        assertThat(get(path, "reader-2").statusCode()).isEqualTo(404);
        assertThat(get("/", "reader-2").body()).doesNotContain("خبر جديد يظهر في الصفحة الأولى فوراً");
    }

    @Test
    void aReaderServedFromTheCacheIsCountedAsOneRenderedIs() throws Exception {
        long id = imports.create(new ArticleDraft("خبر لعد القراء", "<p>نص خبر العد.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        String path = editing.find(id).orElseThrow().path();
        // A bot renders the page (not counted); the reader after it is served from the cache and counted.
        // One address is one reader whatever its User-Agent, so the readers after it are not counted again.
        assertThat(get(path, "Googlebot/2.1").statusCode()).isEqualTo(200);
        for (int reader = 0; reader < 5; reader++) {
            assertThat(get(path, "Mozilla/5.0 reader-" + reader).statusCode()).isEqualTo(200);
        }
        recommend.flushViews();
        long views = jdbc.sql("select coalesce(sum(views), 0) from article_view where article_id = ?").param(id).query(Long.class).single();
        assertThat(views).isEqualTo(1);
    }

    private long borrows() {
        return (long) meters.get("hikaricp.connections.acquire").timer().count();
    }

    private long newArticle(String title) {
        return imports.create(new ArticleDraft(title, "<p>نص " + title + ".</p>", null, ArticleStatus.PUBLISHED, null, null,
                List.of(), List.of(), null, null, null));
    }

    @Test
    void manyReadersArrivingAtOnceAtAPageNotYetRenderedWaitForOneRendering() throws Exception {
        String first = editing.find(newArticle("خبر أول للقراءة المتزامنة")).orElseThrow().path();
        String second = editing.find(newArticle("خبر ثان للقراءة المتزامنة")).orElseThrow().path();
        long before = borrows();
        assertThat(get(first, "reader-5").statusCode()).isEqualTo(200);
        long oneRendering = borrows() - before;
        assertThat(oneRendering).isPositive();

        int readers = 24;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(readers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers);
        try {
            long beforeCrowd = borrows();
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < readers; i++) {
                int reader = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return get(second, "crowd-" + reader);
                }));
            }
            java.util.Set<String> bodies = new java.util.HashSet<>();
            for (var answer : answers) {
                HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                bodies.add(response.body());
            }
            assertThat(bodies).hasSize(1);
            // One rendering (two at most, if the crowd straddles a change): not one per reader.
            assertThat(borrows() - beforeCrowd).isLessThanOrEqualTo(2 * oneRendering);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anErrorIsNeverKept() throws Exception {
        assertThat(get("/section/no-such-section", "reader-3").statusCode()).isEqualTo(404);
        assertThat(get("/section/no-such-section", "reader-3").statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/news/999999999/x").statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> getGzip(String path, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("User-Agent", "reader-8").header("Accept-Encoding", "gzip;q=0.8, deflate");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] bytes) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aKeptPageIsSentGzippedFromItsCompressedCopyWithAnETagOfItsOwnAndTheSameHeaders() throws Exception {
        String path = editing.find(newArticle("خبر يرسل مضغوطاً")).orElseThrow().path();
        HttpResponse<String> plain = get(path, "reader-8");
        HttpResponse<byte[]> gzipped = getGzip(path, null);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzipped.body().length));
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}-gzip\"").isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(securityHeaders(gzipped)).isEqualTo(securityHeaders(plain));

        HttpResponse<byte[]> again = getGzip(path, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(getGzip(path, plain.headers().firstValue("ETag").orElseThrow()).statusCode())
                .as("the plain copy's ETag names another representation").isEqualTo(200);
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip;q=0, identity").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(plain.body());
    }

    /** Reproduced: a browser offering brotli ("br", which Chrome and Firefox send over HTTPS) got gzip. */
    @Test
    void aKeptPageIsSentInBrotliToReadersWhoOfferItFromItsOwnCopyWithItsOwnETag() throws Exception {
        String path = editing.find(newArticle("خبر يرسل ببروتلي")).orElseThrow().path();
        HttpResponse<String> plain = get(path, "reader-9");
        HttpResponse<byte[]> gzipped = getGzip(path, null);
        HttpResponse<byte[]> brotli = getBrotli(path, null);
        assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
        String decoded = new String(com.aayushatharva.brotli4j.decoder.Decoder.decompress(brotli.body()).getDecompressedData(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(plain.body()).contains("خبر يرسل ببروتلي");
        assertThat(brotli.body().length).as("smaller than gzip").isLessThan(gzipped.body().length);
        assertThat(brotli.headers().firstValue("Content-Length")).hasValue(String.valueOf(brotli.body().length));
        assertThat(brotli.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        String etag = brotli.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}-br\"").isNotEqualTo(gzipped.headers().firstValue("ETag").orElseThrow());
        assertThat(securityHeaders(brotli)).isEqualTo(securityHeaders(plain));
        assertThat(getBrotli(path, etag).statusCode()).isEqualTo(304);
        assertThat(getBrotli(path, gzipped.headers().firstValue("ETag").orElseThrow()).statusCode())
                .as("the gzip copy's ETag names another representation").isEqualTo(200);

        HttpResponse<byte[]> refused = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "br;q=0, gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.headers().firstValue("Content-Encoding")).hasValue("gzip");
        HttpResponse<byte[]> anything = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "*").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anything.headers().firstValue("Content-Encoding")).as("* means gzip: brotli only when named").hasValue("gzip");
    }

    private HttpResponse<byte[]> getBrotli(String path, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("User-Agent", "reader-9").header("Accept-Encoding", "gzip, deflate, br, zstd");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void pagesNameWhatTheyShowInSurrogateKeys() throws Exception {
        var section = taxonomy.ensureSection("مفاتيح-الصفحات", "مفاتيح الصفحات", org.minbar.taxonomy.SectionKind.NEWS);
        var tag = taxonomy.ensureTag("وسم مفاتيح الصفحات");
        long id = imports.create(new ArticleDraft("خبر بمفاتيح", "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null,
                section.id(), List.of(tag.id()), List.of(), null, null, null));
        List<String> article = List.of(get(editing.find(id).orElseThrow().path(), "reader-9").headers()
                .firstValue("Surrogate-Key").orElseThrow().split(" "));
        assertThat(article).contains("site", "article-" + id, "section-" + section.id(), "tag-" + tag.id());
        assertThat(List.of(get("/", "reader-9").headers().firstValue("Surrogate-Key").orElseThrow().split(" ")))
                .contains("site", "home", "article-" + id);
        HttpResponse<String> list = get(section.path(), "reader-9");
        assertThat(List.of(list.headers().firstValue("Surrogate-Key").orElseThrow().split(" ")))
                .contains("site", "section-" + section.id(), "article-" + id);
        assertThat(list.headers().firstValue("Cache-Tag").orElseThrow()).contains("section-" + section.id() + ",");
        assertThat(List.of(get(tag.path(), "reader-9").headers().firstValue("Surrogate-Key").orElseThrow().split(" ")))
                .contains("tag-" + tag.id(), "article-" + id);
    }

    @Test
    void aPublishDropsThePagesItTouchesOnlyAndAsksTheCdnToPurgeThem() throws Exception {
        String untouched = editing.find(newArticle("خبر لا يمسه النشر التالي")).orElseThrow().path();
        long untouchedId = Long.parseLong(untouched.split("/")[2]);
        var section = taxonomy.ensureSection("قسم-النشر-الدقيق", "قسم النشر الدقيق", org.minbar.taxonomy.SectionKind.NEWS);
        assertThat(get(untouched, "reader-10").body()).contains("خبر لا يمسه النشر التالي");
        get(section.path(), "reader-10");
        // Written behind the application's back: a rendering would show it, a kept copy does not.
        jdbc.sql("update article set title = 'عنوان لا تراه إلا صفحة جديدة' where id = ?").param(untouchedId).update();
        while (purges.poll(600, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
            // the purge of the articles made above (sent in batches every quarter second)
        }

        long published = imports.create(new ArticleDraft("خبر ينشره محرر في قسم آخر", "<p>نص.</p>", null,
                ArticleStatus.DRAFT, null, section.id(), List.of(), List.of(), null, null, null));
        workflow.publish(published);
        assertThat(get(section.path(), "reader-10").body()).as("its section's list is rendered anew").contains("خبر ينشره محرر في قسم آخر");
        assertThat(get("/", "reader-10").body()).as("and the home page").contains("خبر ينشره محرر في قسم آخر");
        assertThat(get(untouched, "reader-10").body()).as("a page that does not show it is still the kept copy")
                .contains("خبر لا يمسه النشر التالي");

        String purge = purges.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(purge).startsWith("POST Bearer test-token ").contains("{\"keys\":[");
        List<String> keys = List.of(purge.substring(purge.indexOf('{')).replaceAll("\\{\"keys\":\\[|\\]\\}|\"", "").split(","));
        assertThat(keys).contains("article-" + published, "section-" + section.id(), "home").doesNotContain("article-" + untouchedId);
    }

    @Test
    void aKeptPageIsServedBeforeSpringSecurity() {
        assertThat(PageCache.class.getAnnotation(org.springframework.core.annotation.Order.class).value())
                .isLessThan(org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties.DEFAULT_FILTER_ORDER);
    }

    @Test
    void feedsSitemapsAndRobotsAreKeptWithTheirOwnTypesAndAnEditorsPublishIsInTheFeedAtOnce() throws Exception {
        for (String path : List.of("/feed", "/feed/atom", "/sitemap.xml", "/sitemap-articles-1.xml", "/robots.txt")) {
            HttpResponse<String> plain = get(path, "feed-reader");
            HttpResponse<byte[]> gzipped = getGzip(path, null);
            for (int tries = 0; tries < 20 && !gunzip(gzipped.body()).equals(plain.body()); tries++) { // changed meanwhile
                Thread.sleep(50);
                plain = get(path, "feed-reader");
                gzipped = getGzip(path, null);
            }
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(gunzip(gzipped.body())).as(path).isEqualTo(plain.body());
            assertThat(gzipped.headers().firstValue("Content-Type")).as(path).isEqualTo(plain.headers().firstValue("Content-Type"));
            assertThat(plain.headers().firstValue("ETag")).as(path).isPresent().get().asString().matches("\"[0-9a-f]{32}\"");
            assertThat(plain.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
        }
        HttpResponse<String> feed = get("/feed", "feed-reader");
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        String lastModified = feed.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> polled = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/feed"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(polled.statusCode()).as("a feed reader polling with If-Modified-Since").isEqualTo(304);

        Thread.sleep(1_100); // HTTP dates count seconds: the publish below is in a later one
        long id = imports.create(new ArticleDraft("خبر يظهر في الخلاصة فور نشره", "<p>نص.</p>", null,
                ArticleStatus.DRAFT, null, null, List.of(), List.of(), null, null, null));
        workflow.publish(id);
        assertThat(get("/feed", "feed-reader").body()).contains("خبر يظهر في الخلاصة فور نشره");
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/feed"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as("changed since").isEqualTo(200);
    }

    /** An editor's page (a request with a session) is rendered each time, never kept, and gzipped by the page cache at its fastest level. */
    @Test
    void aPageForASessionIsRenderedEachTimeAndSentGzipped() throws Exception {
        long id = imports.create(new ArticleDraft("خبر تقرؤه محررة بجلسة", "<p>" + "نص طويل يملأ الصفحة. ".repeat(200) + "</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        String path = editing.find(id).orElseThrow().path();
        // The related block is ranked by the search index, which follows the publish a moment later:
        // both renders below must see the same index, or they differ by that block.
        Http http = new Http(port);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> http
                .json("/api/v1/search?q=" + java.net.URLEncoder.encode("تقرؤه محررة", java.nio.charset.StandardCharsets.UTF_8))
                .get("results").findValues("id").stream().anyMatch(found -> found.asLong() == id));
        HttpRequest.Builder asEditor = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("User-Agent", "editor-9").header("Cookie", "JSESSIONID=editor-session");
        HttpResponse<String> plain = client.send(asEditor.copy().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> gzipped = client.send(asEditor.copy().header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        assertThat(gzipped.headers().firstValue("Content-Length")).hasValue(Integer.toString(gzipped.body().length));
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body()).contains("خبر تقرؤه محررة بجلسة");
        assertThat(gzipped.body().length).as("compressed").isLessThan(plain.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 3);
        assertThat(gzipped.headers().firstValue("ETag")).as("not a kept copy").isEmpty();
        assertThat(gzipped.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(gzipped.headers().firstValue("Content-Security-Policy")).isPresent();

        jdbc.sql("update article set title = 'خبر عدّلته المحررة مباشرة' where id = ?").param(id).update();
        Thread.sleep(org.minbar.system.KeptCopies.TIME_TO_LIVE.toMillis() + 200);
        assertThat(client.send(asEditor.copy().build(), HttpResponse.BodyHandlers.ofString()).body())
                .as("rendered again, not from a copy").contains("خبر عدّلته المحررة مباشرة");
    }
}
