package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;

/**
 * A save the newsroom acknowledged survives {@code kill -9}: the site runs in its own JVM on the
 * default H2 database, an editor saves an article in a loop through the newsroom's JSON API, the
 * process is killed (SIGKILL) mid-loop and started again on the same data directory, and the
 * article holds at least the last version that was answered 200.
 */
class DurableSavesIntegrationTests {

    private static final String PASSWORD = "durable-saves-password-1";
    private static final Pattern ID = Pattern.compile("/newsroom/articles/(\\d+)");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Test
    void aSaveAnsweredBeforeAKillIsStoredAfterTheRestart() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        int port = freePort();
        Process site = start(data, port, "site-1.log");
        long id;
        AtomicInteger acknowledgedVersion = new AtomicInteger(-1);
        AtomicReference<String> acknowledgedTitle = new AtomicReference<>();
        AtomicInteger saves = new AtomicInteger();
        try {
            Session editor = loggedIn(port);
            HttpResponse<String> created = editor.post("/newsroom/articles", "title", "مقال يحفظ مرارا");
            assertThat(created.statusCode()).isEqualTo(302);
            Matcher m = ID.matcher(created.headers().firstValue("Location").orElseThrow());
            assertThat(m.find()).isTrue();
            id = Long.parseLong(m.group(1));
            int version = version(editor.get("/newsroom/articles/" + id).body());

            Thread saver = new Thread(() -> {
                int current = version;
                for (int i = 1;; i++) {
                    String title = "نسخة رقم " + i;
                    HttpResponse<String> saved;
                    try {
                        saved = editor.json("PUT", "/newsroom/api/articles/" + id,
                                "{\"title\":\"" + title + "\",\"body\":\"<p>" + "نص المقال ".repeat(50) + i + "</p>\",\"version\":" + current + "}");
                    } catch (RuntimeException killed) {
                        return; // the site is gone
                    }
                    if (saved.statusCode() != 200) {
                        throw new AssertionError("save " + i + " answered " + saved.statusCode() + ": " + saved.body());
                    }
                    current = Http.parse(saved.body()).get("version").asInt();
                    acknowledgedTitle.set(title);
                    acknowledgedVersion.set(current);
                    saves.incrementAndGet();
                }
            }, "saver");
            saver.start();
            // Kill while saves are being answered, well after the first ones.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (saves.get() < 15 && System.nanoTime() < deadline && saver.isAlive()) {
                Thread.sleep(10);
            }
            assertThat(saves.get()).as("saves answered before the kill").isGreaterThanOrEqualTo(15);
            site.destroyForcibly(); // SIGKILL on Linux
            site.waitFor();
            saver.join(30_000);
        } finally {
            site.destroyForcibly();
        }
        int lastAcknowledged = acknowledgedVersion.get();

        Process again = start(data, port, "site-2.log");
        try {
            Session editor = loggedIn(port);
            String page = editor.get("/newsroom/articles/" + id).body();
            int stored = version(page);
            // The save in flight at the kill may have been stored without its answer: never less.
            assertThat(stored).as("stored version after the restart (last acknowledged: %d after %d saves)",
                    lastAcknowledged, saves.get()).isGreaterThanOrEqualTo(lastAcknowledged);
            if (stored == lastAcknowledged) {
                assertThat(page).contains(acknowledgedTitle.get());
            }
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Session loggedIn(int port) {
        Session session = new Session(port);
        HttpResponse<String> login = session.login("admin", PASSWORD);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");
        session.get("/newsroom");
        return session;
    }

    private static int version(String editorPage) {
        Matcher m = VERSION.matcher(editorPage);
        assertThat(m.find()).as("the editor's version field").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The application in its own JVM (the test's class path), as {@code java -jar} would run it. */
    static Process start(Path data, int port, String logName, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dminbar.data=" + data, "-Dserver.port=" + port,
                "-Dminbar.demo.load-on-first-start=false", "-Dminbar.admin.initial-password=" + PASSWORD,
                "-Dminbar.newsletter.digest-schedule=-"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.minbar.MinbarApplication"));
        Path log = data.resolve(logName);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Http http = new Http(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The site stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return process;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("The site did not start within 240 s:\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
