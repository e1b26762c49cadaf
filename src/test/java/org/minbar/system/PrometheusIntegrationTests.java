package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/prometheus}: Minbar's own meters (latency by kind of page, page cache hits and
 * misses, the index's lag, the mail outbox, failed jobs) with low-cardinality labels, open to a local
 * scraper or a bearer token, and closed to a request that came through a proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.demo.load-on-first-start=false", "minbar.metrics.token=scrape-secret"})
class PrometheusIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> scrape(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as(series + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void minbarsMetersAreScrapedLocallyOrWithTheToken() throws Exception {
        Http http = new Http(port);
        double homesBefore = scrape().statusCode() == 200 ? value(scrape().body(), "minbar_page_seconds_count{kind=\"home\"}") : 0;
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/").statusCode()).isEqualTo(200);
        }
        http.get("/feed");
        http.get("/api/v1/articles");

        HttpResponse<String> local = scrape();
        assertThat(local.statusCode()).isEqualTo(200);
        String body = local.body();
        assertThat(value(body, "minbar_page_seconds_count{kind=\"home\"}")).isEqualTo(homesBefore + 3);
        assertThat(value(body, "minbar_page_seconds_count{kind=\"feed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(body, "minbar_page_seconds_count{kind=\"api\"}")).isGreaterThanOrEqualTo(1);
        assertThat(body).contains("minbar_page_seconds_bucket{kind=\"home\"");
        // The home page rendered once, then served from its kept copy.
        assertThat(value(body, "minbar_page_cache_total{result=\"miss\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(body, "minbar_page_cache_total{result=\"hit\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(body, "minbar_search_lag_events")).isGreaterThanOrEqualTo(0);
        assertThat(value(body, "minbar_search_lag_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(value(body, "minbar_newsletter_outbox{status=\"pending\"}")).isZero();
        assertThat(value(body, "minbar_jobs_failed_total")).isZero();
        assertThat(body).contains("hikaricp_connections_pending").contains("dbscheduler_task_completions_total{");
        // Not per address: no label carries a path.
        assertThat(body).doesNotContain("kind=\"/");

        assertThat(scrape("X-Forwarded-For", "203.0.113.9").statusCode()).isIn(401, 403);
        assertThat(scrape("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer wrong").statusCode()).isIn(401, 403);
        assertThat(scrape("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer scrape-secret").statusCode()).isEqualTo(200);
        // The rest of the actuator stays closed.
        assertThat(http.get("/actuator/env").statusCode()).isIn(401, 403, 404);
    }
}
