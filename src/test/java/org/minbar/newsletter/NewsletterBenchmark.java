package org.minbar.newsletter;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Newsletter benchmark: a digest to N confirmed subscribers (default 100,000) through the real
 * application (the jar's main in child JVMs) and its outbox, into a local SMTP sink. Measures
 * queueing, messages per second, the site's heap while sending, and what a kill -9 in the middle
 * costs: time to resume, messages lost (in flight at the kill) and duplicated. The reference is
 * raw SMTP sending (Jakarta Mail, one connection, no database) to the same sink in the same run.
 * A plain {@code main} run by {@code bench/newsletter.sh}; not a test.
 */
public final class NewsletterBenchmark {

    private static final long START = System.nanoTime();
    private static final Pattern HEAP = Pattern.compile("used (\\d+)K");

    private NewsletterBenchmark() {
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, message);
    }

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String childHeap = System.getProperty("bench.childHeap", "256m");
        Path dir = Path.of("target", "bench-newsletter", "run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir.resolve("db"));
        StringBuilder report = new StringBuilder();
        try (SmtpSink sink = new SmtpSink(a -> null)) {
            log("SMTP sink on port " + sink.port());

            // Reference: raw SMTP, one connection, a message like the digest, no database, no outbox.
            int referenceCount = Math.min(20_000, subscribers);
            double rawRate = rawSmtp(sink.port(), referenceCount);
            sink.delivered.clear();
            sink.messages.set(0);

            // bench.dbOptions: H2 settings after the application's own (which keeps H2's default write
            // delay and checkpoints each outbox claim), e.g. ";WRITE_DELAY=0".
            String dbOptions = System.getProperty("bench.dbOptions", "");
            String url = "jdbc:h2:file:" + dir.resolve("db").resolve("minbar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    + dbOptions;
            long prepStart = System.nanoTime();
            prepare(url, subscribers);
            log(String.format(Locale.ROOT, "Prepared %d confirmed subscribers in %.1f s", subscribers, (System.nanoTime() - prepStart) / 1e9));

            List<String> common = List.of("-Dminbar.data=" + dir, "-Dminbar.demo.load-on-first-start=false",
                    "-Dminbar.newsletter.digest-schedule=-", "-Dspring.mail.host=127.0.0.1", "-Dspring.mail.port=" + sink.port(),
                    "-Dserver.port=0", "-Dminbar.site.base-url=https://news.example.org", "-Dspring.datasource.url=" + url);

            // 1. The command queues the digest (the site is not running: the next start sends it).
            long queueStart = System.nanoTime();
            Process queue = child(dir, childHeap, common, "queue.log", "newsletter", "send-digest");
            if (!queue.waitFor(10, TimeUnit.MINUTES) || queue.exitValue() != 0) {
                throw new IllegalStateException("newsletter send-digest failed; see " + dir.resolve("queue.log"));
            }
            double queueSeconds = (System.nanoTime() - queueStart) / 1e9;
            String queueOut = Files.readString(dir.resolve("queue.log"));
            log("Queued: " + queueOut.lines().filter(l -> l.startsWith("Digest")).findFirst().orElse(queueOut.strip()));

            // 2. The site sends; killed (SIGKILL) half-way.
            long siteStart = System.nanoTime();
            Process site = child(dir, childHeap, common, "site-1.log");
            AtomicLong peakHeapKb = new AtomicLong();
            long firstAt = waitFor(() -> sink.messages.get() > 0, site, peakHeapKb, 600);
            long firstCount = sink.messages.get();
            long killAt = waitFor(() -> sink.messages.get() >= subscribers / 2, site, peakHeapKb, 1800);
            long atKill = sink.messages.get();
            site.destroyForcibly();
            site.waitFor();
            long afterKill = sink.messages.get();
            double rate1 = (atKill - firstCount) / ((killAt - firstAt) / 1e9);
            log(String.format(Locale.ROOT, "Killed the site after %d messages (%.0f messages/s)", atKill, rate1));

            // 3. A new start resumes.
            long restart = System.nanoTime();
            Process again = child(dir, childHeap, common, "site-2.log");
            long resumedAt = waitFor(() -> sink.messages.get() > afterKill, again, peakHeapKb, 600);
            long resumedCount = sink.messages.get();
            long doneAt = waitFor(() -> logContains(dir.resolve("site-2.log"), "finished: {"), again, peakHeapKb, 1800);
            long total = sink.messages.get();
            double rate2 = (total - resumedCount) / Math.max(1e-9, (doneAt - resumedAt) / 1e9);
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
            String finished = Files.readString(dir.resolve("site-2.log")).lines().filter(l -> l.contains("finished: {")).findFirst()
                    .orElse("");

            long distinct = sink.delivered.size();
            long duplicates = sink.delivered.values().stream().filter(n -> n.get() > 1).count();
            long missing = subscribers - distinct;

            line(report, "Newsletter benchmark: a digest to %,d confirmed subscribers (H2 file database, local SMTP sink)", subscribers);
            line(report, "  machine: %d cores, Java %s; site JVMs run with -Xmx%s; H2 options: %s", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), childHeap,
                    dbOptions.isEmpty() ? "the application's (H2's write delay, a checkpoint per claim)" : dbOptions);
            line(report, "");
            line(report, "  reference, raw SMTP (Jakarta Mail, one connection, no DB):  %,8.0f messages/s (%,d messages)", rawRate, referenceCount);
            line(report, "  Minbar outbox, before the kill:                               %,8.0f messages/s", rate1);
            line(report, "  Minbar outbox, after the restart:                             %,8.0f messages/s", rate2);
            line(report, "  queueing the digest (command, %,d outbox rows in one INSERT): %.1f s, JVM start included", subscribers, queueSeconds);
            line(report, "  first message after the site's start:                        %.1f s", (firstAt - siteStart) / 1e9);
            line(report, "  peak heap used by the site while sending (jcmd GC.heap_info): %,d MB of -Xmx%s", peakHeapKb.get() / 1024, childHeap);
            line(report, "  heap after collections (GC log), before the kill: %s", afterGc(dir.resolve("site-1-gc.log")));
            line(report, "  heap after collections (GC log), after the restart: %s", afterGc(dir.resolve("site-2-gc.log")));
            line(report, "");
            line(report, "  kill -9 after %,d messages; restart to first resumed message: %.1f s (JVM and Spring start included)", atKill,
                    (resumedAt - restart) / 1e9);
            line(report, "  restart to digest finished:                                   %.1f s", (doneAt - restart) / 1e9);
            line(report, "  delivered: %,d distinct recipients, %,d messages; duplicated: %,d; lost (in flight at the kill): %,d",
                    distinct, total, duplicates, missing);
            line(report, "  site's final count: %s", finished.substring(Math.max(0, finished.indexOf("Newsletter"))));
            System.out.print(report);
        }
    }

    static boolean logContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the condition holds, sampling the child's heap; returns System.nanoTime() at that moment. */
    static long waitFor(java.util.function.BooleanSupplier condition, Process process, AtomicLong peakHeapKb, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long lastSample = 0;
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The site stopped (exit " + process.exitValue() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out");
            }
            if (System.nanoTime() - lastSample > 500_000_000L) {
                lastSample = System.nanoTime();
                peakHeapKb.accumulateAndGet(heapKb(process.pid()), Math::max);
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    private static long heapKb(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(5, TimeUnit.SECONDS);
            Matcher m = HEAP.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Heap after collections, from a {@code -Xlog:gc} file: after the mixed collections (old regions
     * cleaned too: the closest to what is live), median and largest, and the largest after any
     * collection (a young one leaves the old generation's garbage in place).
     */
    private static String afterGc(Path gcLog) throws IOException {
        java.util.regex.Pattern pause = java.util.regex.Pattern.compile("Pause Young \\(([^)]+)\\).* \\d+M->(\\d+)M\\(\\d+M\\)");
        List<Long> mixed = new ArrayList<>();
        long any = -1;
        for (String line : Files.readAllLines(gcLog)) {
            java.util.regex.Matcher m = pause.matcher(line);
            if (m.find()) {
                long after = Long.parseLong(m.group(2));
                any = Math.max(any, after);
                if (m.group(1).equals("Mixed")) {
                    mixed.add(after);
                }
            }
        }
        java.util.Collections.sort(mixed);
        return mixed.isEmpty() ? "no mixed collection; largest after any collection %d MB".formatted(any)
                : "after mixed collections median %d MB, largest %d MB (after any collection: %d MB)".formatted(
                        mixed.get(mixed.size() / 2), mixed.get(mixed.size() - 1), any);
    }

    static Process child(Path dir, String heap, List<String> properties, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        // The GC log gives the heap after each collection: what is live, unlike the sampled "used".
        command.add("-Xlog:gc:file=" + dir.resolve(logName.replace(".log", "-gc.log")));
        command.addAll(properties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.minbar.MinbarApplication");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    /** Schema by Flyway (the application's migrations), ten articles of the last hours and N confirmed subscribers. */
    static void prepare(String url, int subscribers) throws Exception {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("insert into section (slug, name, kind, position) values ('news', 'أخبار', 'NEWS', 1)");
            }
            Instant now = Instant.now();
            try (PreparedStatement p = c.prepareStatement("""
                    insert into article (slug, title, excerpt, body_html, status, section_id, created_at, updated_at, published_at,
                        modified_at)
                    values (?, ?, ?, ?, 'PUBLISHED', (select id from section where slug = 'news'), ?, ?, ?, ?)""")) {
                for (int i = 1; i <= 10; i++) {
                    Timestamp at = Timestamp.from(now.minusSeconds(600L * i));
                    String title = "خبر رقم " + i + " في نشرة اليوم عن تطورات الأحداث السياسية والاقتصادية";
                    p.setString(1, "khabar-" + i);
                    p.setString(2, title);
                    p.setString(3, "ملخص الخبر رقم " + i + ": ".repeat(1) + "تفاصيل ما جرى اليوم في العاصمة وردود الفعل عليه من الأطراف المختلفة.");
                    p.setString(4, "<p>" + title + "</p>");
                    p.setTimestamp(5, at);
                    p.setTimestamp(6, at);
                    p.setTimestamp(7, at);
                    p.setTimestamp(8, at);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "insert into newsletter_subscriber (email, status, token, created_at, confirmed_at) values (?, 'CONFIRMED', ?, ?, ?)")) {
                Timestamp at = Timestamp.from(now.minusSeconds(86_400));
                for (int i = 0; i < subscribers; i++) {
                    p.setString(1, "reader" + i + "@example.org");
                    p.setString(2, Subscribers.newToken());
                    p.setTimestamp(3, at);
                    p.setTimestamp(4, at);
                    p.addBatch();
                    if (i % 5000 == 4999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
        }
    }

    /** Raw SMTP: the same kind of message, built per recipient, sent over one connection. */
    private static double rawSmtp(int port, int count) throws Exception {
        // The same set-up as the application's MailGateway: Nagle off, and messages made by the
        // sender (they share its file type map), so that the reference differs from Minbar only by
        // the outbox and the message content.
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        Properties properties = new Properties();
        properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        sender.setJavaMailProperties(properties);
        Session session = sender.getSession();
        String html = "<html dir=\"rtl\"><body>" + "<h2>خبر في نشرة اليوم عن تطورات الأحداث</h2><p>ملخص الخبر وتفاصيل ما جرى اليوم.</p>".repeat(10)
                + "</body></html>";
        String text = "خبر في نشرة اليوم عن تطورات الأحداث\nhttps://news.example.org/news/1/x\n\n".repeat(10);
        Transport transport = session.getTransport("smtp");
        transport.connect("127.0.0.1", port, null, null);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(new InternetAddress("newsletter@example.org", "منبر", "UTF-8"));
            helper.setTo("raw" + i + "@example.org");
            helper.setSubject("نشرة منبر: خبر اليوم");
            helper.setText(text, html);
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        transport.close();
        log(String.format(Locale.ROOT, "Raw SMTP: %d messages, %.0f/s", count, rate));
        return rate;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
