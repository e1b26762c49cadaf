package org.minbar.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.media.MediaItem;
import org.minbar.media.MediaService;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup → restore → same pages: a site with articles (the demo content), a picture and newsletter
 * subscribers is backed up with {@code backup DIR}, restored with {@code restore DIR} into a new, empty
 * data directory, and the restored site serves the same article, home, section and feed pages, the same
 * picture bytes and the same search results. A restore into a data directory that is not empty is refused.
 */
class BackupRestoreIntegrationTests {

    private final String previousData = System.getProperty("minbar.data");

    @AfterEach
    void restoreDataProperty() {
        if (previousData == null) {
            System.clearProperty("minbar.data");
        } else {
            System.setProperty("minbar.data", previousData);
        }
    }

    /** Where the restored site's database is: nothing (H2 in its data directory), or a JDBC setting per property. */
    Map<String, String> restoredDatabase() {
        return Map.of();
    }

    private static ConfigurableApplicationContext start(Path data) {
        return start(data, Map.of());
    }

    private static ConfigurableApplicationContext start(Path data, Map<String, String> database) {
        List<String> args = new java.util.ArrayList<>(List.of("--minbar.data=" + data, "--server.port=0",
                "--minbar.rate-limit.searches-per-minute=1000000",
                // Both sites make their absolute links from the same address (not from their own ports).
                "--minbar.site.base-url=https://news.example.org"));
        database.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(MinbarApplication.class).run(args.toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext site) {
        return new Http(((WebServerApplicationContext) site).getWebServer().getPort());
    }

    record Run(int status, String out, String err) {
    }

    /** A command as {@code java -jar minbar.jar NAME ARGS} runs it, with no site serving {@code data}. */
    private static Run command(Path data, String... args) {
        return command(data, Map.of(), args);
    }

    private static Run command(Path data, Map<String, String> database, String... args) {
        System.setProperty("minbar.data", data.toString());
        database.forEach(System::setProperty);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = org.minbar.system.CommandLauncher.run(MinbarApplication.class, args);
            return new Run(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            database.keySet().forEach(System::clearProperty);
        }
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2a6f4e));
        g.fillRect(0, 0, 640, 400);
        g.setColor(Color.WHITE);
        g.fillOval(100, 50, 300, 300);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", bytes);
        return bytes.toByteArray();
    }

    private static byte[] bytes(Http http, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** What a reader sees of each page: the pages' HTML (parsed and printed again, so only content counts), the feeds' and API's bytes. */
    private static Map<String, String> pages(Http http, List<String> paths) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String path : paths) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String body = response.body();
            if (path.startsWith("/api/v1/search")) {
                // Lucene's scores hang on the index's history (segments, deleted documents): a rebuilt
                // index may order near-ties differently. The same articles are found.
                var json = Http.parse(body);
                java.util.TreeSet<String> ids = new java.util.TreeSet<>();
                json.get("results").forEach(hit -> ids.add(hit.get("id").asString()));
                seen.put(path, json.get("total").asString() + " " + ids);
            } else if (path.contains("feed") || path.endsWith(".xml")) {
                seen.put(path, body);
            } else {
                var page = Jsoup.parse(body);
                // The related block comes from the index's similarity scores (same caveat as search).
                page.select("section.related").remove();
                seen.put(path, page.outerHtml());
            }
        }
        return seen;
    }

    @Test
    void backupThenRestoreIntoAnEmptyDataDirectoryServesTheSamePages() throws Exception {
        Path original = TestDatabases.newDataDirectory();
        Path backup = TestDatabases.newDataDirectory().resolve("backup");
        Path restored = TestDatabases.newDataDirectory();
        Map<String, String> database = restoredDatabase();
        String query = "/api/v1/search?q=" + URLEncoder.encode("بوتين", StandardCharsets.UTF_8);

        Map<String, String> before;
        byte[] pictureBefore;
        String pictureUrl;
        try (ConfigurableApplicationContext site = start(original)) {
            Http http = http(site);
            PublishedArticles articles = site.getBean(PublishedArticles.class);
            long published = articles.countPublished(null, null);
            assertThat(published).as("the demo content").isPositive();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
            MediaItem picture = site.getBean(MediaService.class).store(new ByteArrayInputStream(jpeg()), "ساحة.jpg", "test");
            pictureUrl = picture.url();
            pictureBefore = bytes(http, pictureUrl);
            for (int i = 0; i < 3; i++) {
                assertThat(http.postForm("/newsletter/subscribe", "email", "reader" + i + "@example.org").statusCode()).isEqualTo(200);
            }
            Article first = articles.findPublished(articles.publishedIdsAfter(0, 1).get(0)).orElseThrow();
            String section = Jsoup.parse(http.get(first.path()).body()).select("a[href^=/section/]").attr("href");
            assertThat(section).isNotEmpty();
            List<String> paths = List.of("/", first.path(), section, "/feed", "/feed/atom", "/sitemap.xml", query);
            before = pages(http, paths);
            assertThat(before.get(query)).as("the search finds articles").doesNotStartWith("0 ");
        }

        Run backedUp = command(original, "backup", backup.toString());
        assertThat(backedUp.status()).as(backedUp.err()).isZero();
        assertThat(backedUp.out()).contains("Database [##############################] 100%").contains("Media: ");
        Manifest manifest = Manifest.read(backup);
        assertThat(manifest.tables()).extracting(Manifest.Table::name).contains("article", "newsletter_subscriber", "media_item");
        assertThat(manifest.tables()).filteredOn(t -> t.name().equals("newsletter_subscriber")).extracting(Manifest.Table::rows)
                .containsExactly(3L);
        assertThat(manifest.mediaFiles()).isPositive();

        Run restore = command(restored, database, "restore", backup.toString());
        assertThat(restore.status()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("Reindexing [##############################] 100%");

        try (ConfigurableApplicationContext site = start(restored, database)) {
            Http http = http(site);
            if (database.containsKey("spring.datasource.url")) {
                try (var connection = site.getBean(javax.sql.DataSource.class).getConnection()) {
                    assertThat(connection.getMetaData().getURL()).as("the restored site's database")
                            .isEqualTo(database.get("spring.datasource.url"));
                }
            }
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
            Map<String, String> after = pages(http, List.copyOf(before.keySet()));
            for (String path : before.keySet()) {
                assertThat(after.get(path)).as(path).isEqualTo(before.get(path));
            }
            assertThat(bytes(http, pictureUrl)).isEqualTo(pictureBefore);
            // New rows get new ids after the restored ones.
            assertThat(http.postForm("/newsletter/subscribe", "email", "new-reader@example.org").statusCode()).isEqualTo(200);
        }

        // Restoring again into the (now filled) data directory is refused, and changes nothing.
        Run again = command(restored, database, "restore", backup.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty");
        // A damaged backup is refused before anything is written.
        Path table = backup.resolve("database").resolve("article.jsonl");
        Files.writeString(table, "[]\n", java.nio.file.StandardOpenOption.APPEND);
        Run damaged = command(TestDatabases.newDataDirectory(), "restore", backup.toString());
        assertThat(damaged.status()).isEqualTo(1);
        assertThat(damaged.err()).contains("does not match its checksum");
    }
}
