package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A long WordPress import through the running site is a job: it outlives the request timeout
 * (2 s here) and the command line that started it, and an import the site's stop interrupted
 * resumes at the next start where it stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.demo.load-on-first-start=false", "spring.mvc.async.request-timeout=2s"})
class WxrImportJobIntegrationTests {

    static final int POSTS = 3000;
    static Path export;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @BeforeAll
    static void generateExport() throws IOException {
        export = Files.createTempDirectory("wxr-job").resolve("export.xml");
        WxrBenchmark.generate(export, POSTS);
    }

    @LocalServerPort
    int port;

    @Autowired
    org.minbar.system.DataDirectory dataDirectory;

    @Autowired
    WxrImportJobs jobs;

    @Autowired
    WordpressLinks links;

    @Test
    void killingTheCommandLineMidImportLeavesTheImportToFinishInTheSite() throws Exception {
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dminbar.data=" + dataDirectory.root(),
                MinbarApplication.class.getName(), "import-wxr", export.toString())
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = copy(cli.getInputStream(), out);
        Thread errReader = copy(cli.getErrorStream(), err);

        // Past the request timeout and into the posts: then the command line is killed (SIGKILL: it
        // gets no chance to say goodbye, so the site must not depend on it).
        waitFor(Duration.ofSeconds(120), () -> text(out).matches("(?s).*created [1-9]\\d*.*") || !cli.isAlive());
        assertThat(cli.isAlive()).as("the command line is still following: " + text(out) + text(err)).isTrue();
        cli.destroyForcibly();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        outReader.join(5000);
        errReader.join(5000);
        assertThat(jobs.current().report().finished()).as("still importing when the command line died").isFalse();

        waitFor(Duration.ofSeconds(300), () -> jobs.current() != null && jobs.current().report().finished());
        WxrReport report = jobs.current().report();
        assertThat(report.fatal()).isNull();
        assertThat(report.created()).isEqualTo(POSTS);
        assertThat(report.failed()).isZero();
        assertThat(links.countPosts()).isEqualTo(POSTS);
        assertThat(new Http(port).get("/").statusCode()).isEqualTo(200);
        assertThat(new Http(port).get("/actuator/health").body()).contains("UP");
    }

    @Test
    void anImportInterruptedByTheSitesStopResumesAtTheNextStartWhereItStopped() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        Path upload;
        try (ConfigurableApplicationContext site = start(data)) {
            WxrImportJobs first = site.getBean(WxrImportJobs.class);
            upload = first.newUploadFile();
            Files.copy(export, upload);
            assertThat(first.start(upload, "export.xml", false, false, "admin")).isTrue();
            waitFor(Duration.ofSeconds(120), () -> first.current().report().created() >= 300);
            site.close(); // stops the import after its current batch
            WxrReport stopped = first.current().report();
            assertThat(stopped.finished()).isTrue();
            assertThat(stopped.fatal()).contains("resumes where it stopped");
            assertThat(stopped.created()).isLessThan(POSTS);
        }
        JdbcClient check;
        try (ConfigurableApplicationContext site = start(data)) {
            WxrImportJobs second = site.getBean(WxrImportJobs.class);
            check = site.getBean(JdbcClient.class);
            long done = check.sql("select items_done from wordpress_import").query(Long.class).single();
            assertThat(done).isBetween(1L, (long) POSTS - 1);
            waitFor(Duration.ofSeconds(300), () -> second.current() != null && second.current().report().finished());
            WxrReport report = second.current().report();
            assertThat(report.fatal()).isNull();
            assertThat(report.created()).as("counts of both runs").isEqualTo(POSTS);
            assertThat(report.summary(false)).anyMatch(l -> l.contains("resumed after an interruption"));
            assertThat(check.sql("select count(*) from wordpress_post").query(Long.class).single()).isEqualTo(POSTS);
            assertThat(check.sql("select count(*) from article").query(Long.class).single()).as("no duplicates").isEqualTo(POSTS);
            assertThat(check.sql("select state from wordpress_import").query(String.class).single()).isEqualTo("done");
            assertThat(upload).as("the uploaded copy is deleted when the import ends").doesNotExist();
        }
        try (ConfigurableApplicationContext site = start(data)) {
            assertThat(site.getBean(WxrImportJobs.class).current()).as("a finished import is not resumed again").isNull();
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE)
                .run("--minbar.data=" + data, "--minbar.demo.load-on-first-start=false", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
    }

    private static Thread copy(InputStream in, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.start();
        return thread;
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", limit).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
