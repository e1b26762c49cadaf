package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Crash consistency of a newsletter send (issue "Hardened"): the site is killed with SIGKILL in the
 * middle of a digest to 3,000 confirmed subscribers (a local SMTP sink counts every message per
 * recipient), started again on the same data directory, and finishes the edition. No subscriber
 * gets it twice; none is missing but what was in flight at the kill; {@code verify} then finds the
 * outbox, the search index and the event deliveries consistent. The site runs as child JVMs of the application's main,
 * as {@link NewsletterBenchmark} does; {@code *PackagedIT}, so it runs in {@code verify}, after the
 * unit tests.
 */
class NewsletterCrashPackagedIT {

    private static final int SUBSCRIBERS = 3_000;

    @Test
    void aKillInTheMiddleOfASendNeitherRepeatsNorDropsARecipient() throws Exception {
        Path dir = Path.of("target", "crash-newsletter", "run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir.resolve("db"));
        try (SmtpSink sink = new SmtpSink(address -> null)) {
            String url = "jdbc:h2:file:" + dir.resolve("db").resolve("minbar")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            NewsletterBenchmark.prepare(url, SUBSCRIBERS);
            List<String> settings = List.of("-Dminbar.data=" + dir, "-Dminbar.demo.load-on-first-start=false",
                    "-Dminbar.newsletter.digest-schedule=-", "-Dspring.mail.host=127.0.0.1", "-Dspring.mail.port=" + sink.port(),
                    "-Dserver.port=0", "-Dminbar.site.base-url=https://news.example.org", "-Dspring.datasource.url=" + url);
            AtomicLong heap = new AtomicLong();

            Process queue = NewsletterBenchmark.child(dir, "256m", settings, "queue.log", "newsletter", "send-digest");
            assertThat(queue.waitFor(5, TimeUnit.MINUTES)).as("send-digest finished; see " + dir.resolve("queue.log")).isTrue();
            assertThat(queue.exitValue()).as("send-digest's exit; see " + dir.resolve("queue.log")).isZero();

            Process site = NewsletterBenchmark.child(dir, "256m", settings, "site-1.log");
            try {
                NewsletterBenchmark.waitFor(() -> sink.messages.get() >= 300, site, heap, 600);
            } finally {
                site.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no last commit
                site.waitFor(60, TimeUnit.SECONDS);
            }
            long atKill = sink.messages.get();
            assertThat(atKill).as("killed in the middle of the send").isLessThan(SUBSCRIBERS);

            Process again = NewsletterBenchmark.child(dir, "256m", settings, "site-2.log");
            try {
                NewsletterBenchmark.waitFor(() -> NewsletterBenchmark.logContains(dir.resolve("site-2.log"), "finished: {"), again, heap,
                        900);
            } finally {
                again.destroy();
                again.waitFor(60, TimeUnit.SECONDS);
            }

            List<String> twice = sink.delivered.entrySet().stream().filter(e -> e.getValue().get() > 1).map(e -> e.getKey()).toList();
            assertThat(twice).as("subscribers who got the edition twice (killed after %d messages)", atKill).isEmpty();
            long delivered = sink.delivered.values().stream().mapToInt(AtomicInteger::get).sum();
            // A message handed to SMTP but not yet marked sent at the kill is the only one that may be lost.
            assertThat(delivered).as("messages delivered of %d", SUBSCRIBERS).isGreaterThanOrEqualTo(SUBSCRIBERS - 2);

            // The articles were written by SQL without revisions (as the benchmark does), so verify's
            // article check has its say about them; the outbox, the index and the events must be consistent.
            Process verify = NewsletterBenchmark.child(dir, "256m", settings, "verify.log", "verify");
            assertThat(verify.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String report = Files.readString(dir.resolve("verify.log"));
            assertThat(report).as("verify after the crash").contains("Checked newsletter: consistent.",
                    "Checked search index: consistent.", "Checked events: consistent.");
            assertThat(report.lines().filter(l -> l.startsWith("newsletter:") || l.startsWith("events:")).toList()).isEmpty();
        }
    }
}
