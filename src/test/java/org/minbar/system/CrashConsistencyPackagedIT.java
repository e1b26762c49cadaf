package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minbar.support.Session;

/**
 * Crash consistency of the packaged jar (run by failsafe after {@code package}): Minbar runs as a
 * child process on a fresh data directory, is driven over HTTP and killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) in the middle of a burst of saves, of publishes,
 * just as a scheduled publish is due, and during an index rebuild. After each kill it starts again
 * on the same data directory and {@code verify} must pass, every save answered 2xx must be there,
 * every publish answered 2xx must be public, and the scheduled article must be published.
 *
 * <p>The normal build runs one round (a kill per scenario). {@code -Dminbar.crash.rounds=N} runs N
 * rounds with random kill moments ({@code -Dminbar.crash.seed} to replay one).
 */
class CrashConsistencyPackagedIT {

    private static final String PASSWORD = "crash-harness-admin-password";
    private static final Pattern SAVED_TITLE = Pattern.compile("value=\"حفظ رقم (\\d+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    private Process site;
    private int port;
    private Path data;
    private Path log;
    private int starts;
    private final Random random = new Random(Long.getLong("minbar.crash.seed", System.nanoTime()));

    @AfterEach
    void stop() throws InterruptedException {
        if (site != null && site.isAlive()) {
            site.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterEveryKillTheSiteRestartsConsistentAndKeepsWhatItAcknowledged() throws Exception {
        assertThat(Path.of("target/minbar.jar")).as("built by package").exists();
        data = temp.resolve("data");
        log = temp.resolve("minbar.log");
        int rounds = Integer.getInteger("minbar.crash.rounds", 1);
        start();
        for (int round = 1; round <= rounds; round++) {
            killDuringSaves();
            killDuringPublishes();
            killAsAScheduledPublishIsDue();
            killDuringReindex();
            killDuringAnImport(round);
        }
        // A clean stop, then verify on its own (no site): the standalone path reads the same files.
        site.destroy();
        assertThat(site.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        Run alone = minbar("verify");
        assertThat(alone.exit()).as(alone.output()).isZero();
    }

    private void killDuringSaves() throws Exception {
        Session editor = login();
        long id = draft(editor, "مقال يحفظ مراراً");
        publish(editor, id);
        AtomicInteger acknowledged = new AtomicInteger();
        Thread saves = new Thread(() -> {
            int version = currentVersion(editor, id);
            for (int n = 1; ; n++) {
                HttpResponse<String> saved;
                try {
                    saved = editor.json("PUT", "/newsroom/api/articles/" + id, """
                            {"title": "حفظ رقم %d", "body": "<p>نص الحفظ رقم %d قبل الانقطاع.</p>", "version": %d}"""
                            .formatted(n, n, version));
                } catch (IllegalStateException killed) {
                    return;
                }
                if (saved.statusCode() != 200) {
                    return;
                }
                Matcher v = Pattern.compile("\"version\":(\\d+)").matcher(saved.body());
                assertThat(v.find()).as(saved.body()).isTrue();
                version = Integer.parseInt(v.group(1));
                acknowledged.set(n);
            }
        }, "saves");
        saves.start();
        int killAfter = 5 + random.nextInt(30);
        waitFor(() -> acknowledged.get() >= killAfter, Duration.ofSeconds(60), "saves acknowledged");
        kill();
        saves.join(10_000);
        int last = acknowledged.get();
        start();
        verify();
        Matcher stored = SAVED_TITLE.matcher(login().get("/newsroom/articles/" + id).body());
        assertThat(stored.find()).as("the editor shows a saved title").isTrue();
        assertThat(Integer.parseInt(stored.group(1))).as("no acknowledged save is lost (last acknowledged: " + last + ")")
                .isGreaterThanOrEqualTo(last);
    }

    private void killDuringPublishes() throws Exception {
        Session editor = login();
        List<Long> drafts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            drafts.add(draft(editor, "خبر للنشر رقم " + i));
        }
        List<Long> published = new CopyOnWriteArrayList<>();
        Thread publishes = new Thread(() -> {
            for (long id : drafts) {
                try {
                    if (editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish").statusCode() / 100 != 3) {
                        return;
                    }
                } catch (IllegalStateException killed) {
                    return;
                }
                published.add(id);
            }
        }, "publishes");
        publishes.start();
        int killAfter = 1 + random.nextInt(6);
        waitFor(() -> published.size() >= killAfter, Duration.ofSeconds(60), "publishes acknowledged");
        kill();
        publishes.join(10_000);
        start();
        verify();
        for (long id : published) {
            assertThat(status("/news/" + id)).as("acknowledged publish of article " + id + " is public").isIn(200, 301, 308);
        }
    }

    private void killAsAScheduledPublishIsDue() throws Exception {
        Session editor = login();
        long id = draft(editor, "خبر مجدول");
        LocalDateTime due = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> scheduled = editor.post("/newsroom/articles/" + id + "/workflow", "step", "schedule",
                "at", due.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(302);
        assertThat(status("/news/" + id)).as("not public before its time").isEqualTo(404);
        long untilDue = Duration.between(LocalDateTime.now(ZoneOffset.UTC), due).toMillis();
        Thread.sleep(Math.max(0, untilDue + random.nextInt(1500) - 500));
        kill();
        start();
        waitFor(() -> status("/news/" + id) != 404, Duration.ofSeconds(60), "the scheduled article published after the restart");
        verify();
        assertThat(status("/news/" + id)).isIn(200, 301, 308);
    }

    private void killDuringReindex() throws Exception {
        ProcessBuilder command = new ProcessBuilder("java", "-jar", "target/minbar.jar", "reindex").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        command.environment().put("MINBAR_DATA", data.toString());
        Process reindex = command.start();
        Thread.sleep(300 + random.nextInt(1500));
        kill();
        reindex.waitFor(30, TimeUnit.SECONDS);
        start();
        verify();
    }

    /**
     * A WordPress export of a few thousand posts, imported through the site and killed part-way; the
     * site resumes the import when it starts again and finishes it: every post once, none twice.
     */
    private void killDuringAnImport(int round) throws Exception {
        int posts = Integer.getInteger("minbar.crash.posts", 3000);
        Path export = temp.resolve("export-" + round + ".xml");
        writeExport(export, round, posts);
        long before = publishedCount();
        ProcessBuilder command = new ProcessBuilder("java", "-jar", "target/minbar.jar", "import-wxr", export.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        command.environment().put("MINBAR_DATA", data.toString());
        Process importing = command.start();
        waitFor(() -> publishedCount() > before, Duration.ofSeconds(120), "the import under way");
        Thread.sleep(random.nextInt(2000));
        kill();
        importing.waitFor(30, TimeUnit.SECONDS);
        long partial = publishedCount();
        start();
        verify();
        // The site resumes the interrupted import at start (it is recorded in wordpress_import).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (publishedCount() != before + posts && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(publishedCount()).as("every post imported once (" + (partial - before) + " before the kill)")
                .isEqualTo(before + posts);
        verify();
    }

    private static void writeExport(Path file, int round, int posts) throws IOException {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" ?>
                <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"                 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"                 xmlns:wp="http://wordpress.org/export/1.2/">
                <channel><title>crash</title><link>https://crash.example.com</link><wp:wxr_version>1.2</wp:wxr_version>
                <wp:base_site_url>https://crash.example.com</wp:base_site_url>
                <wp:author><wp:author_login>crash</wp:author_login><wp:author_display_name>أرشيف</wp:author_display_name></wp:author>
                """);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        DateTimeFormatter wordpress = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int n = 0; n < posts; n++) {
            long id = round * 1_000_000L + n;
            String date = now.minusHours(n + 1).format(wordpress);
            xml.append("<item><title>خبر مستورد رقم ").append(id).append("</title>")
                    .append("<link>https://crash.example.com/?p=").append(id).append("</link>")
                    .append("<guid isPermaLink=\"false\">https://crash.example.com/?p=").append(id).append("</guid>")
                    .append("<dc:creator>crash</dc:creator><content:encoded><![CDATA[فقرة أولى من الخبر ").append(id)
                    .append(".\n\nفقرة ثانية عن الاقتصاد والسياسة.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>")
                    .append("<wp:post_id>").append(id).append("</wp:post_id><wp:post_date>").append(date)
                    .append("</wp:post_date><wp:post_date_gmt>").append(date).append("</wp:post_date_gmt><wp:post_name>crash-")
                    .append(id).append("</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n");
        }
        xml.append("</channel></rss>\n");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private long publishedCount() {
        try {
            String body = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/articles?size=1"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
            return total.find() ? Long.parseLong(total.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------ the child process

    private void start() throws Exception {
        starts++;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", "target/minbar.jar", "--server.port=" + port,
                "--minbar.demo.load-on-first-start=false", "--minbar.site.time-zone=UTC")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MINBAR_DATA", data.toString());
        builder.environment().put("MINBAR_ADMIN_PASSWORD", PASSWORD);
        site = builder.start();
        waitFor(() -> status("/actuator/health/readiness") == 200, Duration.ofSeconds(120), "start " + starts + " ready");
    }

    private void kill() throws InterruptedException {
        site.destroyForcibly();
        assertThat(site.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    private record Run(int exit, String output) {
    }

    private Run minbar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", "target/minbar.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MINBAR_DATA", data.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("minbar " + String.join(" ", args) + " ended").isTrue();
        return new Run(process.exitValue(), output);
    }

    /** {@code verify} through the running site; a rebuild or catch-up after the restart may take a moment. */
    private void verify() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Run run;
        do {
            run = minbar("verify");
            if (run.exit() == 0) {
                return;
            }
            Thread.sleep(2_000);
        } while (System.nanoTime() < deadline);
        assertThat(run.exit()).as("verify after start " + starts + ":\n" + run.output() + "\nsite log: " + log).isZero();
    }

    private Session login() {
        Session session = new Session(port);
        assertThat(session.login("admin", PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/newsroom");
        session.get("/newsroom/articles/new"); // the token of the logged-in session
        return session;
    }

    private long draft(Session editor, String title) {
        editor.get("/newsroom/articles/new");
        HttpResponse<String> created = editor.post("/newsroom/articles", "title", title);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher m = Pattern.compile("/newsroom/articles/(\\d+)$").matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        long id = Long.parseLong(m.group(1));
        editor.get("/newsroom/articles/" + id);
        HttpResponse<String> saved = editor.json("PUT", "/newsroom/api/articles/" + id, """
                {"title": "%s", "body": "<p>متن %s للاختبار.</p>", "version": %d}""".formatted(title, title, currentVersion(editor, id)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return id;
    }

    private void publish(Session editor, long id) {
        HttpResponse<String> done = editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    }

    private static int currentVersion(Session editor, long id) {
        Matcher v = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(editor.get("/newsroom/articles/" + id).body());
        assertThat(v.find()).as("the editor carries the version").isTrue();
        return Integer.parseInt(v.group(1));
    }

    private int status(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(what + " within " + limit + " (site log: " + log + ")").isTrue();
            assertThat(site.isAlive()).as("the site runs (log: " + log + ")").isTrue();
            Thread.sleep(100);
        }
    }
}
