package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Liveness and readiness as a load balancer or Kubernetes asks them (real HTTP): readiness goes DOWN
 * (503) while the search index is damaged or the database cannot be reached, and UP again once the site
 * has rebuilt the index or the database is back; liveness stays UP throughout (a restart would not help).
 */
class ReadinessIntegrationTests {

    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static int status(Http http, String path) {
        return http.get(path).statusCode();
    }

    @Test
    void readinessFollowsTheSearchIndexAndTheDatabase() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        try (ConfigurableApplicationContext site = new SpringApplicationBuilder(MinbarApplication.class).run(
                "--minbar.data=" + data, "--server.port=0", "--minbar.search.health-check-interval=1s",
                // An unreachable database: new connections fail (a wrong password), a request waits a second for one.
                "--spring.datasource.hikari.connection-timeout=1000")) {
            Http http = new Http(((WebServerApplicationContext) site).getWebServer().getPort());
            await().atMost(RECOVERY).until(() -> status(http, "/actuator/health/readiness") == 200);
            assertThat(http.get("/actuator/health/readiness").body()).contains("\"UP\"");
            assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);

            // The index damaged under the site's feet: DOWN until the site has rebuilt it, then UP by itself.
            try (Stream<Path> files = Files.list(data.resolve("index"))) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                    Files.write(file, "not a lucene file".getBytes(StandardCharsets.UTF_8));
                }
            }
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(http, "/actuator/health/readiness") == 503);
            assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);
            await().atMost(RECOVERY).until(() -> status(http, "/actuator/health/readiness") == 200);

            // The database away, then back.
            HikariDataSource pool = site.getBean(DataSource.class).unwrap(HikariDataSource.class);
            String password = pool.getPassword();
            pool.getHikariConfigMXBean().setPassword("not-the-password");
            pool.getHikariPoolMXBean().softEvictConnections();
            try {
                await().atMost(RECOVERY).until(() -> status(http, "/actuator/health/readiness") == 503);
                assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);
            } finally {
                pool.getHikariConfigMXBean().setPassword(password);
            }
            await().atMost(RECOVERY).until(() -> status(http, "/actuator/health/readiness") == 200);
        }
    }
}
