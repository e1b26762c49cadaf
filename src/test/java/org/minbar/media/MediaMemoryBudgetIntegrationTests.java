package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * Image decoding fits the heap: the site runs as a separate JVM with a small heap (the test must
 * choose it) and gets four concurrent uploads of 49-megapixel PNGs, which decode to ~150-200 MB
 * each at full size. Each is stored or refused with an Arabic message; none runs the JVM out of
 * memory, and the site keeps serving.
 */
class MediaMemoryBudgetIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ARABIC = Pattern.compile("[\\u0600-\\u06FF]{3,}");

    private Process site;

    @AfterEach
    void stopSite() throws InterruptedException {
        if (site != null) {
            site.destroy();
            if (!site.waitFor(30, TimeUnit.SECONDS)) {
                site.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void fourConcurrent49MegapixelUploadsAtA256MbHeapAreStoredOrRefusedWithoutRunningOutOfMemory() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        Path log = data.resolveSibling(data.getFileName() + "-site.log");
        int port = freePort();
        site = start(data, log, port, "256m");
        awaitUp(port, log);

        Session admin = new Session(port);
        assertThat(admin.login("admin", "test-admin-password-1").statusCode()).isEqualTo(302);
        HttpResponse<String> library = admin.get("/newsroom/media");
        assertThat(library.statusCode()).isEqualTo(200);
        Matcher token = CSRF.matcher(library.body());
        assertThat(token.find()).isTrue();
        String csrf = token.group(1);

        // Two opaque (JPEG path), two with transparent pixels (PNG path, the costlier decode); two as
        // the editor's script sends them (JSON), two as the library's form does.
        List<byte[]> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(MediaFixtures.bigPng(7000, 7000, i % 2 == 1, i));
        }
        assertThat(uploads.get(0).length).as("a small file, far under the upload limit").isLessThan(2_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                byte[] bytes = uploads.get(i);
                boolean json = i < 2;
                Callable<HttpResponse<String>> upload = () -> admin.send(multipart(port, bytes, "ملصق-كبير.png", json, csrf));
                answers.add(pool.submit(upload));
            }
            int stored = 0;
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> answer = answers.get(i).get(5, TimeUnit.MINUTES);
                boolean json = i < 2;
                int status = answer.statusCode();
                if (json && status == 201) {
                    JsonNode item = Http.parse(answer.body());
                    assertThat(item.get("width").asInt()).isEqualTo(1600);
                    assertThat(item.get("height").asInt()).isEqualTo(1600);
                    assertThat(imageWidth(admin, port, item.get("originalUrl").asString()))
                            .as("the kept original is decoded subsampled: at most twice the widest variant")
                            .isBetween(1601, 3200);
                    stored++;
                } else if (!json && status == 303) {
                    assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("uploaded=");
                    stored++;
                } else {
                    assertThat(status).as("upload %d answered %d: %s", i, status, answer.body()).isIn(413, 422);
                    String message = json ? Http.parse(answer.body()).get("detail").asString()
                            : Jsoup.parse(answer.body()).selectFirst("[role=alert]").text();
                    assertThat(message).as("an Arabic explanation").containsPattern(ARABIC)
                            .as("a valid image is not called damaged").doesNotContain("تالف");
                }
            }
            assertThat(stored).as("a 49 MP image under the pixel limit is not refused outright").isPositive();
        } finally {
            pool.shutdownNow();
        }

        String siteLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(siteLog).doesNotContain("OutOfMemoryError");
        assertThat(site.isAlive()).isTrue();
        Http http = new Http(port);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        assertThat(admin.get("/newsroom/media").statusCode()).isEqualTo(200);
    }

    private static HttpRequest multipart(int port, byte[] bytes, String filename, boolean json, String csrf) {
        String boundary = "----minbar" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/newsroom/media")).timeout(Duration.ofMinutes(4))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    /** The width in the header of the image at {@code path}, as served. */
    private static int imageWidth(Session session, int port, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> image = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image.body()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.getWidth(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The application in its own JVM, with the test's class path and the heap this test is about. */
    private static Process start(Path data, Path log, int port, String heap) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.minbar.MinbarApplication");
        command.add("--server.port=" + port);
        command.add("--minbar.data=" + data);
        command.add("--minbar.demo.load-on-first-start=false");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitUp(int port, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertThat(site.isAlive()).as("the site stopped while starting:\n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The site did not start within 180 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
