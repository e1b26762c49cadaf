package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.minbar.system.DataDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The media library over real HTTP: the newsroom pages, the editor's JSON, uploads over the limit
 * (1 MB here) and serving under /media/. The newsroom login is not part of this package: the test
 * signs in with HTTP Basic through a test-only filter chain for /newsroom/** (CSRF on, as in the site's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.media.max-upload-size=1MB", "minbar.media.decode-memory=12MB"})
class MediaIntegrationTests {

    @TestConfiguration
    static class TestLogins {

        @Bean
        @Order(0)
        SecurityFilterChain newsroomTestLogins(HttpSecurity http) throws Exception {
            InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                    User.withUsername("writer").password("{noop}writer-pass").roles("WRITER").build(),
                    User.withUsername("editor").password("{noop}editor-pass").roles("EDITOR").build());
            return http.securityMatcher("/newsroom/**")
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .userDetailsService(users)
                    .build();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MediaService media;

    @Autowired
    DataDirectory data;

    @Autowired
    JdbcClient jdbc;

    /** A browser session of one newsroom user: cookies kept, redirects not followed. */
    final class Session {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        private final String authorization;

        Session(String user, String password) {
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        Document library() {
            HttpResponse<String> page = get("/newsroom/media");
            assertThat(page.statusCode()).isEqualTo(200);
            return Jsoup.parse(page.body());
        }

        String csrfToken() {
            return library().selectFirst("input[name=_csrf]").attr("value");
        }

        /** Posts the upload form as a browser does: to the form's action, which carries the CSRF token. */
        HttpResponse<String> uploadForm(byte[] bytes, String filename) {
            String action = library().selectFirst("form[enctype=multipart/form-data]").attr("action");
            return upload(action, bytes, filename, false, null);
        }

        /** Uploads as the editor's script does: JSON wanted, the token in a header. */
        HttpResponse<String> uploadJson(byte[] bytes, String filename) {
            return upload("/newsroom/media", bytes, filename, true, csrfToken());
        }

        HttpResponse<String> upload(String path, byte[] bytes, String filename, boolean json, String csrfHeader) {
            String boundary = "----minbar" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Accept", json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (csrfHeader != null) {
                request.header("X-CSRF-TOKEN", csrfHeader);
            }
            return send(request.build());
        }

        HttpResponse<String> postForm(String path, String... namesAndValues) {
            StringBuilder form = new StringBuilder("_csrf=").append(csrfToken());
            for (int i = 0; i < namesAndValues.length; i += 2) {
                form.append('&').append(java.net.URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(60));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Session writer() {
        return new Session("writer", "writer-pass");
    }

    private Session editor() {
        return new Session("editor", "editor-pass");
    }

    private long rows() {
        return jdbc.sql("select count(*) from media_item").query(Long.class).single();
    }

    private long files() {
        try (Stream<Path> all = Files.walk(data.directory("media"))) {
            return all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** About {@code size} bytes that start like a JPEG. */
    private static byte[] bigJpegLike(int size) {
        byte[] bytes = new byte[size];
        byte[] head = MediaFixtures.jpeg(64, 64);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    @Test
    void libraryPageIsArabicAndItsUploadFormCarriesTheCsrfTokenInItsAddress() {
        Document page = writer().library();
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("h1").text()).isEqualTo("الوسائط");
        Element form = page.selectFirst("form[enctype=multipart/form-data]");
        assertThat(form.attr("action")).startsWith("/newsroom/media?_csrf=");
        assertThat(form.selectFirst("input[type=file]").attr("accept")).isEqualTo("image/jpeg,image/png,image/webp");
        assertThat(form.text()).contains("1 ميغابايت");
        assertThat(page.selectFirst("form.logout")).isNotNull();
    }

    @Test
    void uploadsThroughTheFormAndServesTheRenditionsImmutableAndNosniff() {
        Session writer = writer();
        HttpResponse<String> uploaded = writer.uploadForm(MediaFixtures.jpeg(1200, 800), "ساحة.jpg");
        assertThat(uploaded.statusCode()).isEqualTo(303);
        String location = uploaded.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/newsroom/media\\?uploaded=\\d+#media-\\d+");
        long id = Long.parseLong(location.replaceAll(".*uploaded=(\\d+)#.*", "$1"));
        MediaItem item = media.find(id).orElseThrow();
        assertThat(item.uploadedBy()).isEqualTo("writer");
        assertThat(item.originalFilename()).isEqualTo("ساحة.jpg");

        Document page = Jsoup.parse(writer.get(location.replaceAll("#.*", "")).body());
        assertThat(page.selectFirst("[role=status]").text()).startsWith("رُفعت الصورة");
        Element shown = page.selectFirst("#media-" + id);
        assertThat(shown.hasClass("highlight")).isTrue();
        assertThat(shown.text()).contains("بلا نص بديل");
        assertThat(shown.selectFirst("form.media-delete")).as("a writer may not delete").isNull();

        for (MediaItem.Rendition rendition : item.renditions()) {
            HttpResponse<String> file = new Http(port).get(rendition.url());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(file.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "public", "immutable");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void uploadWithoutTheCsrfTokenIsRefused() {
        long rows = rows();
        long files = files();
        HttpResponse<String> refused = writer().upload("/newsroom/media", MediaFixtures.jpeg(300, 200), "a.jpg", false, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(rows()).isEqualTo(rows);
        assertThat(files()).isEqualTo(files);
    }

    @Test
    void oversizedUploadGets413WithTheArabicMessageOnTheLibraryPageAndStoresNothing() {
        long rows = rows();
        long files = files();
        HttpResponse<String> refused = writer().uploadForm(bigJpegLike(3 * 1024 * 1024), "big.jpg");
        assertThat(refused.statusCode()).isEqualTo(413);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("الوسائط");
        assertThat(page.selectFirst("[role=alert]").text())
                .isEqualTo("حجم الملف أكبر من الحد المسموح (1 ميغابايت). صغّر الصورة ثم أعد رفعها.");
        assertThat(page.selectFirst("a.back").attr("href")).isEqualTo("/newsroom/media");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(rows()).isEqualTo(rows);
        assertThat(files()).isEqualTo(files);
    }

    @Test
    void oversizedUploadGets413JsonForTheEditorEvenWhenFarOverTheLimit() {
        long rows = rows();
        // 25 MB: far more than Tomcat would swallow by default (2 MB) before resetting the connection.
        for (int size : new int[] {1024 * 1024 + 1, 25 * 1024 * 1024}) {
            HttpResponse<String> refused = editor().uploadJson(bigJpegLike(size), "big.jpg");
            assertThat(refused.statusCode()).as(size + " bytes").isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            JsonNode error = Http.parse(refused.body());
            assertThat(error.get("status").asInt()).isEqualTo(413);
            assertThat(error.get("detail").asString()).startsWith("حجم الملف أكبر من الحد المسموح");
            assertThat(error.get("reason").asString()).isEqualTo("TOO_LARGE");
        }
        assertThat(rows()).isEqualTo(rows);
    }

    @Test
    void theEditorUploadsByScriptAndGetsTheItemAsJsonThenFindsItInTheList() {
        Session editor = editor();
        HttpResponse<String> created = editor.uploadJson(MediaFixtures.resource("photo-900x600.webp"), "gallery-photo.webp");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode item = Http.parse(created.body());
        long id = item.get("id").asLong();
        assertThat(item.get("url").asString()).endsWith("-900.jpg");
        assertThat(created.headers().firstValue("Location")).hasValue(item.get("url").asString());
        assertThat(item.get("srcset").asString()).contains("-320.jpg 320w, ").endsWith("-900.jpg 900w");
        assertThat(item.get("width").asInt()).isEqualTo(900);
        assertThat(item.get("height").asInt()).isEqualTo(600);
        assertThat(item.get("hasAlt").asBoolean()).isFalse();
        assertThat(item.has("alt")).isTrue();

        JsonNode listed = Http.parse(editor.get("/newsroom/media.json?q=gallery-photo").body());
        assertThat(listed.get("items").get(0).get("id").asLong()).isEqualTo(id);

        HttpResponse<String> described = editor.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/newsroom/media/" + id))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("editor:editor-pass".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").header("X-CSRF-TOKEN", editor.csrfToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("alt=" + java.net.URLEncoder.encode("رسم ساخر", StandardCharsets.UTF_8)))
                .build());
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(Http.parse(described.body()).get("alt").asString()).isEqualTo("رسم ساخر");
    }

    @Test
    void refusesAnHtmlFileRenamedJpegWith415InArabicAndStoresNothing() {
        long rows = rows();
        long files = files();
        Session writer = writer();
        HttpResponse<String> page = writer.uploadForm(MediaFixtures.html(), "photo.jpg");
        assertThat(page.statusCode()).isEqualTo(415);
        assertThat(Jsoup.parse(page.body()).selectFirst("[role=alert]").text())
                .isEqualTo("نوع الملف غير مدعوم: تُقبل صور JPEG وPNG وWebP فقط.");
        HttpResponse<String> json = writer.uploadJson(MediaFixtures.svg(), "drawing.png");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(Http.parse(json.body()).get("reason").asString()).isEqualTo("UNSUPPORTED_TYPE");
        HttpResponse<String> bomb = writer.uploadJson(MediaFixtures.pngBomb(100_000, 100_000), "bomb.png");
        assertThat(bomb.statusCode()).isEqualTo(422);
        assertThat(Http.parse(bomb.body()).get("reason").asString()).isEqualTo("TOO_MANY_PIXELS");
        HttpResponse<String> empty = writer.uploadForm(new byte[0], "empty.jpg");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(empty.body()).selectFirst("[role=alert]").text()).startsWith("الملف فارغ");
        assertThat(rows()).isEqualTo(rows);
        assertThat(files()).isEqualTo(files);
    }

    @Test
    void anImageThatCannotFitTheDecodeMemoryGets422InArabicOnThePageAndAsJsonAndStoresNothing() {
        long rows = rows();
        long files = files();
        Session writer = writer();
        // 1500×1500 is narrower than the widest variant, so it is not subsampled: about 18 MB, over 12 MB.
        byte[] poster = MediaFixtures.jpeg(1500, 1500);
        HttpResponse<String> page = writer.uploadForm(poster, "poster.jpg");
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(page.body()).selectFirst("[role=alert]").text())
                .isEqualTo("الصورة (1500×1500) أكبر مما يتّسع له الخادم لمعالجتها الآن. صغّر أبعادها ثم أعد رفعها.");
        HttpResponse<String> json = writer.uploadJson(poster, "poster.jpg");
        assertThat(json.statusCode()).isEqualTo(422);
        assertThat(Http.parse(json.body()).get("reason").asString()).isEqualTo("TOO_BIG_TO_PROCESS");
        assertThat(Http.parse(json.body()).get("detail").asString()).startsWith("الصورة (1500×1500)");
        assertThat(rows()).isEqualTo(rows);
        assertThat(files()).isEqualTo(files);
        // The budget is whole again: an image that fits is stored.
        assertThat(writer.uploadJson(MediaFixtures.jpeg(1000, 700), "fits.jpg").statusCode()).isEqualTo(201);
    }

    @Test
    void descriptionsAreStoredAsTextAndEscapedOnThePage() {
        Session writer = writer();
        MediaItem item = media.store(new java.io.ByteArrayInputStream(MediaFixtures.jpeg(400, 300)), "x.jpg", "writer");
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
        HttpResponse<String> saved = writer.postForm("/newsroom/media/" + item.id(), "alt", hostile, "caption", "تعليق",
                "credit", "<b>وكالة</b>");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).startsWith("/newsroom/media?saved=" + item.id());
        assertThat(media.find(item.id()).orElseThrow().alt()).isEqualTo(hostile);

        HttpResponse<String> page = writer.get("/newsroom/media?saved=" + item.id());
        assertThat(page.body()).doesNotContain("<script>alert(1)", "<img src=x", "<b>وكالة");
        Document document = Jsoup.parse(page.body());
        Element shown = document.selectFirst("#media-" + item.id());
        assertThat(document.select("main script")).isEmpty();
        assertThat(shown.select("img")).hasSize(1);
        assertThat(shown.selectFirst("img").attr("alt")).isEqualTo(hostile);
        assertThat(shown.selectFirst("input[name=alt]").attr("value")).isEqualTo(hostile);
        assertThat(shown.selectFirst("input[name=credit]").attr("value")).isEqualTo("<b>وكالة</b>");

        HttpResponse<String> tooLong = writer.postForm("/newsroom/media/" + item.id(), "alt", "ا".repeat(600));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).selectFirst("[role=alert]").text()).contains("500");
    }

    @Test
    void aWriterCannotDeleteAnEditorCan() {
        MediaItem item = media.store(new java.io.ByteArrayInputStream(MediaFixtures.jpeg(800, 600)), "gone.jpg", "writer");
        assertThat(new Http(port).get(item.url()).statusCode()).isEqualTo(200);

        assertThat(writer().postForm("/newsroom/media/" + item.id() + "/delete").statusCode()).isEqualTo(403);
        assertThat(media.find(item.id())).isPresent();

        Session editor = editor();
        assertThat(editor.library().selectFirst("#media-" + item.id() + " form.media-delete")).isNotNull();
        HttpResponse<String> deleted = editor.postForm("/newsroom/media/" + item.id() + "/delete");
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(media.find(item.id())).isEmpty();
        assertThat(new Http(port).get(item.url()).statusCode()).isEqualTo(404);
    }

    @Test
    void servesOnlyMediaFilesReadOnlyWithNoListingAndNoWayOut() throws IOException {
        MediaItem item = media.store(new java.io.ByteArrayInputStream(MediaFixtures.transparentPng(400, 300)), "logo.png", "writer");
        Files.writeString(data.root().resolve("secret.txt"), "TOP-SECRET-DATA");
        Files.writeString(data.directory("media").resolve("secret.txt"), "TOP-SECRET-MEDIA");
        Http http = new Http(port);

        HttpResponse<String> png = http.get(item.url());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");

        String dir = item.url().substring(0, item.url().lastIndexOf('/') + 1);
        for (String path : new String[] {"/media/", "/media", dir, dir.substring(0, dir.length() - 4), "/media/secret.txt",
                "/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/..%2fsecret.txt", "/media/%2e%2e%2fsecret.txt",
                "/media/2026/%2e%2e/%2e%2e/secret.txt", "/media/..%5csecret.txt", "/media/%252e%252e/secret.txt",
                "/media/..;/secret.txt", "/media/%2e%2e/db/minbar.mv.db", item.url() + "/..", item.url().replace("/media/", "/media//")}) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("TOP-SECRET");
        }
        assertThat(http.postForm(item.url(), "x", "y").statusCode()).isIn(403, 405);
    }
}
