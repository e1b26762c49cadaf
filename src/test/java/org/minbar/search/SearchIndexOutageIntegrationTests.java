package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The index damaged or deleted while the site serves (real HTTP): article pages, the home page and
 * the related API never depend on it, search says it is unavailable (503) instead of failing, and
 * the site rebuilds the index by itself, without a restart and without losing what was published
 * meanwhile.
 */
class SearchIndexOutageIntegrationTests {

    private static final String UNAVAILABLE = "البحث غير متاح مؤقتاً";
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static ConfigurableApplicationContext start(Path data, String healthCheckInterval) {
        return new SpringApplicationBuilder(MinbarApplication.class).run("--minbar.data=" + data, "--server.port=0",
                "--minbar.search.health-check-interval=" + healthCheckInterval,
                "--minbar.rate-limit.searches-per-minute=1000000");
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The total of an API search, or -1 while search answers 503 (never anything else). */
    static long total(Http http, String query) {
        HttpResponse<String> response = http.get("/api/v1/search?" + query);
        if (response.statusCode() == 503) {
            return -1;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.parse(response.body()).get("total").asLong();
    }

    /** Truncates every file of the index to a few bytes of garbage, under the running site's feet. */
    private static void corrupt(Path index) throws IOException {
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(file, "not a lucene file".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Article pages (with their related block), the home page and the related API answer normally. */
    static void assertPagesServe(Http http, Article article) {
        HttpResponse<String> page = http.get(article.path());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Document doc = Jsoup.parse(page.body());
        assertThat(doc.select("section.related li.teaser")).isNotEmpty();
        assertThat(doc.select("section.related a[href='" + article.path() + "']")).isEmpty();
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> related = http.get("/api/v1/articles/" + article.id() + "/related");
        assertThat(related.statusCode()).as(related.body()).isEqualTo(200);
        assertThat(Http.parse(related.body()).size()).isPositive();
    }

    /** Polls until search answers 503 (the damage noticed), asserting it never answers anything but 200 or 503. */
    private static HttpResponse<String> awaitUnavailable(Http http, String path) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = http.get(path);
            assertThat(last[0].statusCode()).as(last[0].body()).isIn(200, 503);
            return last[0].statusCode() == 503;
        });
        return last[0];
    }

    @Test
    void pagesServeWhileTheIndexIsCorruptedOrDeletedAndSearchRecoversByItself() throws IOException {
        Path data = TestDatabases.newDataDirectory();
        Path index = data.resolve("index");
        try (ConfigurableApplicationContext site = start(data, "1s")) {
            PublishedArticles articles = site.getBean(PublishedArticles.class);
            ArticleImport imports = site.getBean(ArticleImport.class);
            long published = articles.countPublished(null, null);
            Http http = new Http(port(site));
            SearchIndexer indexer = site.getBean(SearchIndexer.class);
            await().atMost(RECOVERY).until(() -> !indexer.rebuilding() && total(http, "from=1900-01-01") == published);
            Article seed = articles.findPublished(articles.publishedIdWithTitle(SearchFixtures.SEED_TITLE).orElseThrow())
                    .orElseThrow();
            assertPagesServe(http, seed);

            // Corrupted: the reader's page says search is unavailable, pages keep serving.
            corrupt(index);
            HttpResponse<String> search = awaitUnavailable(http, "/search?q=" + q("بوتين"));
            assertThat(Jsoup.parse(search.body()).selectFirst("[role=status]").text()).contains(UNAVAILABLE);
            assertThat(Jsoup.parse(search.body()).selectFirst("html").attr("dir")).isEqualTo("rtl");
            assertPagesServe(http, seed);
            await().atMost(RECOVERY).until(() -> total(http, "from=1900-01-01") == published);
            assertThat(total(http, "q=" + q("بوتين"))).isPositive();
            assertPagesServe(http, seed);

            // Corrupted again: the API answers a 503 in problem details, the API's error shape.
            corrupt(index);
            HttpResponse<String> api = awaitUnavailable(http, "/api/v1/search?q=" + q("بوتين"));
            assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(api.headers().firstValue("Retry-After")).isPresent();
            JsonNode error = Http.parse(api.body());
            assertThat(error.get("status").asInt()).isEqualTo(503);
            assertThat(error.get("detail").asString()).contains("temporarily unavailable");
            assertPagesServe(http, seed);
            await().atMost(RECOVERY).until(() -> total(http, "from=1900-01-01") == published);

            // Deleted, and nothing searches or publishes: the periodic check alone notices and rebuilds.
            deleteTree(index);
            assertPagesServe(http, seed);
            await().atMost(RECOVERY).until(() -> indexOnDisk(index));
            await().atMost(RECOVERY).until(() -> total(http, "from=1900-01-01") == published);
            assertPagesServe(http, seed);
        }
    }

    @Test
    void anArticlePublishedAfterTheIndexWasDeletedIsFoundOnceTheSiteRebuildsIt() throws IOException {
        Path data = TestDatabases.newDataDirectory();
        Path index = data.resolve("index");
        long published;
        // No periodic check: the failed write of the new article is what reveals the loss.
        try (ConfigurableApplicationContext site = start(data, "1h")) {
            PublishedArticles articles = site.getBean(PublishedArticles.class);
            ArticleImport imports = site.getBean(ArticleImport.class);
            published = articles.countPublished(null, null);
            Http http = new Http(port(site));
            SearchIndexer indexer = site.getBean(SearchIndexer.class);
            await().atMost(RECOVERY).until(() -> !indexer.rebuilding() && total(http, "from=1900-01-01") == published);
            Article seed = articles.findPublished(articles.publishedIdWithTitle(SearchFixtures.SEED_TITLE).orElseThrow())
                    .orElseThrow();
            deleteTree(index);
            assertPagesServe(http, seed);
            String word = "زنجبيلستان";
            long fresh = imports.create(new ArticleDraft("خبر عن " + word, "<p>وصل وفد من " + word + " أمس.</p>", null,
                    ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, OffsetDateTime.now()));
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> total(http, "q=" + q(word)) == 1
                    && indexOnDisk(index));
            assertThat(http.json("/api/v1/search?q=" + q(word)).get("results").get(0).get("id").asLong()).isEqualTo(fresh);
            await().atMost(RECOVERY).until(() -> total(http, "from=1900-01-01") == published + 1);
            assertPagesServe(http, seed);
        }
        // The rebuilt index, with the new article, is the one the next start finds.
        try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            assertThat((long) reader.numDocs()).isEqualTo(published + 1);
        }
    }

    private static boolean indexOnDisk(Path index) {
        if (!Files.isDirectory(index)) {
            return false;
        }
        try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
