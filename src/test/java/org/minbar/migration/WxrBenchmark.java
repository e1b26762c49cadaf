package org.minbar.migration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.minbar.MinbarApplication;
import org.minbar.system.Progress;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * WXR import benchmark, run by {@code bench/wxr.sh} (a plain main, not a test). Modes:
 * {@code generate FILE POSTS} writes a WordPress export of POSTS Arabic posts (streamed to disk);
 * {@code parse FILE} is the reference: a bare StAX pass over the same file;
 * {@code import FILE DATA_DIR} imports it with Minbar's importer into a fresh H2 database, sampling
 * the heap, and prints time, posts/s and peak heap. Progress to stderr, results to stdout.
 */
public final class WxrBenchmark {

    private static final String[] WORDS = ("دمشق حلب الاقتصاد السياسة المدينة السوق الحكومة المجلس الأسعار الطقس الرياضة الثقافة "
            + "التعليم الصحة المياه الكهرباء الطرق المطار الميناء الزراعة").split(" ");

    private WxrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]));
            case "parse" -> parse(Path.of(args[1]));
            case "import" -> importFile(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("generate FILE POSTS | parse FILE | import FILE DATA_DIR");
        }
    }

    static void generate(Path file, int posts) throws IOException {
        DateTimeFormatter wp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime start = LocalDateTime.of(2015, 1, 1, 8, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("""
                    <?xml version="1.0" encoding="UTF-8" ?>
                    <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
                     xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
                     xmlns:wp="http://wordpress.org/export/1.2/">
                    <channel><title>bench</title><link>https://bench.example.com</link>
                    <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example.com</wp:base_site_url>
                    """);
            for (int a = 0; a < 20; a++) {
                out.write("<wp:author><wp:author_login>author" + a + "</wp:author_login><wp:author_display_name><![CDATA[كاتب "
                        + a + "]]></wp:author_display_name></wp:author>\n");
            }
            for (int c = 0; c < 30; c++) {
                out.write("<wp:category><wp:category_nicename>cat" + c + "</wp:category_nicename><wp:category_parent>"
                        + (c >= 10 ? "cat" + (c % 10) : "") + "</wp:category_parent><wp:cat_name><![CDATA[قسم " + c
                        + "]]></wp:cat_name></wp:category>\n");
            }
            for (int i = 1; i <= posts; i++) {
                StringBuilder body = new StringBuilder();
                boolean gutenberg = i % 2 == 0;
                for (int p = 0; p < 8; p++) {
                    StringBuilder sentence = new StringBuilder();
                    for (int w = 0; w < 40; w++) {
                        sentence.append(WORDS[(i * 7 + p * 13 + w * 3) % WORDS.length]).append(' ');
                    }
                    body.append(gutenberg ? "<!-- wp:paragraph -->\n<p>" + sentence.toString().strip() + "</p>\n<!-- /wp:paragraph -->\n\n"
                            : sentence.toString().strip() + "\n\n");
                }
                String date = wp.format(start.plusMinutes(30L * i));
                out.write("<item><title><![CDATA[خبر رقم " + i + " عن " + WORDS[i % WORDS.length] + "]]></title>"
                        + "<link>https://bench.example.com/" + i + "/post-" + i + "/</link>"
                        + "<dc:creator>author" + (i % 20) + "</dc:creator>"
                        + "<content:encoded><![CDATA[" + body + "]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                        + "<wp:post_id>" + (1000 + i) + "</wp:post_id><wp:post_date>" + date + "</wp:post_date>"
                        + "<wp:post_date_gmt>" + date + "</wp:post_date_gmt><wp:post_name>post-" + i + "</wp:post_name>"
                        + "<wp:status>" + (i % 10 == 0 ? "draft" : "publish") + "</wp:status><wp:post_type>post</wp:post_type>"
                        + "<wp:is_sticky>0</wp:is_sticky>"
                        + "<category domain=\"category\" nicename=\"cat" + (i % 30) + "\"><![CDATA[قسم " + (i % 30) + "]]></category>"
                        + "<category domain=\"post_tag\" nicename=\"t" + (i % 200) + "\"><![CDATA[وسم " + (i % 200) + "]]></category>"
                        + "<wp:comment><wp:comment_id>" + i + "</wp:comment_id><wp:comment_content><![CDATA[تعليق]]></wp:comment_content></wp:comment>"
                        + "</item>\n");
            }
            out.write("</channel></rss>\n");
        }
        System.out.printf("generated %d posts, %.1f MB%n", posts, Files.size(file) / 1e6);
    }

    static void parse(Path file) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        long start = System.nanoTime();
        int items = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("item")) {
                    items++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("reference: bare StAX pass over %d items: %.2f s (%.0f items/s); the importer reads the file twice%n",
                items, seconds, items / seconds);
    }

    static void importFile(Path file, Path dataDir) throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE)
                // Arguments, not default properties: these must win over application.properties.
                .run("--minbar.data=" + dataDir, "--minbar.demo.load-on-first-start=false", "--spring.profiles.active=cli",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            WxrImporter importer = context.getBean(WxrImporter.class);
            WxrReport report = new WxrReport();
            int[] shown = {-1};
            sampler.start();
            long start = System.nanoTime();
            // Live heap (after a full collection) at each tenth of the second pass, where posts are
            // written: flat figures mean memory does not grow with the number of posts.
            java.util.List<String> live = new java.util.ArrayList<>();
            importer.run(file, new WxrImporter.Options(null, false), report, () -> {
                if (report.percent() / 10 != shown[0]) {
                    shown[0] = report.percent() / 10;
                    System.err.println(Progress.line("Importing", report.percent(), WxrImportJobs.counts(report)));
                    if (shown[0] >= 6) {
                        System.gc();
                        Runtime runtime = Runtime.getRuntime();
                        live.add("%d posts: %d MB".formatted(report.created() + report.updated(),
                                (runtime.totalMemory() - runtime.freeMemory()) >> 20));
                    }
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            int posts = report.created() + report.updated();
            System.out.printf("import: %d posts created, %d failed, in %.1f s: %.0f posts/s%n", report.created(), report.failed(),
                    seconds, posts / seconds);
            System.out.printf("heap: max %d MB (-Xmx), peak used (sampled every 50 ms) %d MB, sum of heap pool peaks %d MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, peak.get() >> 20, poolPeaks >> 20);
            System.out.println("live heap after a full GC, as posts are written: " + String.join(", ", live));
            report.summary(false).stream().limit(3).forEach(line -> System.out.println("  " + line));
        }
        // After the context closed (H2 compacts briefly on close): what the import leaves on disk.
        try (var files = Files.walk(dataDir.resolve("db"))) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            System.out.printf("database on disk: %d MB (the export was %d MB)%n", bytes >> 20, Files.size(file) >> 20);
        }
    }
}
