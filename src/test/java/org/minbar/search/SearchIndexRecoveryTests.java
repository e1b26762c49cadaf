package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.PublishedArticles;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.minbar.system.CommandLauncher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The index is derived data: a missing or corrupt one is rebuilt while the site serves, and on demand. */
class SearchIndexRecoveryTests {

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(MinbarApplication.class).run("--minbar.data=" + data, "--server.port=0");
    }

    private static long searchTotal(Http http) {
        return http.json("/api/v1/search?from=1900-01-01").get("total").asLong();
    }

    @Test
    void rebuildsACorruptOrMissingIndexAtStartWhileTheSiteServes() throws IOException {
        Path data = TestDatabases.newDataDirectory();
        long published;
        try (ConfigurableApplicationContext first = start(data)) {
            published = first.getBean(PublishedArticles.class).countPublished(null, null);
            Http http = new Http(((WebServerApplicationContext) first).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> searchTotal(http) == published);
        }
        // Corrupt every file of the index.
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path file : files.toList()) {
                Files.write(file, "not a lucene file".getBytes(StandardCharsets.UTF_8));
            }
        }
        try (ConfigurableApplicationContext second = start(data)) {
            Http http = new Http(((WebServerApplicationContext) second).getWebServer().getPort());
            assertThat(http.get("/").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> searchTotal(http) == published);
        }
        // Remove the index altogether.
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (ConfigurableApplicationContext third = start(data)) {
            Http http = new Http(((WebServerApplicationContext) third).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> searchTotal(http) == published);
            assertThat(http.json("/api/v1/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86").get("total").asLong()).isPositive();
        }
    }

    @Test
    void reindexCommandRebuildsTheIndexWithAProgressBar() {
        Path data = TestDatabases.newDataDirectory();
        String previous = System.getProperty("minbar.data");
        try (ConfigurableApplicationContext site = start(data)) {
            long published = site.getBean(PublishedArticles.class).countPublished(null, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream original = System.out;
            int status;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setProperty("minbar.data", data.toString());
                status = CommandLauncher.run(MinbarApplication.class, new String[] {"reindex"});
            } finally {
                System.setOut(original);
            }
            String output = out.toString(StandardCharsets.UTF_8);
            assertThat(status).isZero();
            assertThat(output).contains("Reindexing [##############################] 100%  " + published + "/" + published + " articles")
                    .contains("Indexed " + published + " articles");
            Http http = new Http(((WebServerApplicationContext) site).getWebServer().getPort());
            assertThat(searchTotal(http)).isEqualTo(published);
        } finally {
            if (previous == null) {
                System.clearProperty("minbar.data");
            } else {
                System.setProperty("minbar.data", previous);
            }
        }
    }
}
