package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Over-long queries (a pasted article, a script) over real HTTP: the API answers its JSON error
 * and the reader's search page the Arabic one, never the web server's English error page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "minbar.rate-limit.searches-per-minute=100000")
class OverlongRequestIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    /** A query whose URL-encoded form is at least {@code kilobytes} KB: Latin letters, or Arabic (6 bytes a letter). */
    private static String query(int kilobytes, boolean arabic) {
        String text = arabic ? "ب".repeat(kilobytes * 1024 / 6 + 1) : "a".repeat(kilobytes * 1024);
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void assertNotTheServersPage(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("Apache Tomcat").doesNotContain("HTTP Status").doesNotContain("Bad Request");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTenKilobyteQueryGetsTheApisJsonError(boolean arabic) {
        HttpResponse<String> response = new Http(port).get("/api/v1/search?q=" + query(10, arabic));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode error = Http.parse(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("detail").asString()).contains("256");
        assertThat(response.body()).doesNotContain("Apache Tomcat").doesNotContain("HTTP Status");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTenKilobyteQueryGetsTheArabicSearchPage(boolean arabic) {
        HttpResponse<String> response = new Http(port).get("/search?q=" + query(10, arabic));
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("[role=status]").text()).contains("عبارة البحث طويلة جداً");
        assertNotTheServersPage(response);
    }

    /**
     * Past {@code server.max-http-request-header-size} Tomcat stops reading before it knows the
     * address, so API or page cannot be told apart: both get the site's Arabic error page.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/search?q=", "/search?q="})
    void aHundredKilobyteRequestGetsTheSitesErrorNotTheServersPage(String path) {
        HttpResponse<String> response = new Http(port).get(path + query(100, false));
        assertThat(response.statusCode()).isEqualTo(400);
        assertNotTheServersPage(response);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("[role=status]").text()).contains("طويل جداً");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("Http11InputBuffer");
    }
}
