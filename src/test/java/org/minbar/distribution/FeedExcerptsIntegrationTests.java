package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code minbar.feeds.full-content=false} feeds carry excerpts, not bodies; a set base URL makes the links of feeds and pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.feeds.full-content=false", "minbar.site.base-url=https://news.example.org/"})
class FeedExcerptsIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void feedsCarryExcerptsOnlyAndLinkToTheConfiguredAddress() throws Exception {
        Http http = new Http(port);
        for (String path : List.of("/feed", "/feed/atom")) {
            String xml = http.get(path).body();
            SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
            assertThat(feed.getEntries()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getContents()).as(path).isEmpty();
                assertThat(e.getDescription().getValue()).isNotBlank();
                assertThat(e.getLink()).startsWith("https://news.example.org/news/");
            });
            assertThat(xml).doesNotContain("content:encoded").doesNotContain("<content");
        }
        assertThat(http.get("/robots.txt").body()).contains("Sitemap: https://news.example.org/sitemap.xml");
    }

    /** Pages used the address the request came to even with a base URL set; the site has one address now. */
    @Test
    void pagesLinkToTheConfiguredAddressNotTheOneTheRequestCameTo() throws Exception {
        Http http = new Http(port);
        String home = http.get("/").body();
        assertThat(home).contains("<link rel=\"canonical\" href=\"https://news.example.org/\"")
                .doesNotContain("href=\"http://localhost:" + port);
        String search = http.get("/search?q=" + java.net.URLEncoder.encode("سوريا", java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(search).contains("<link rel=\"canonical\" href=\"https://news.example.org/search?q=");
        for (String api : List.of("/api/v1/articles", "/api/v1/sections", "/api/v1/tags")) {
            String json = http.get(api).body();
            assertThat(json).as(api).contains("\"https://news.example.org/").doesNotContain("localhost:" + port);
        }
        // The demo articles are indexed after start-up: wait for the search to find them.
        String api = "/api/v1/search?q=" + java.net.URLEncoder.encode("تونس", java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        String json = http.get(api).body();
        while (json.contains("\"results\":[]") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            json = http.get(api).body();
        }
        assertThat(json).as(api).contains("\"https://news.example.org/news/").doesNotContain("localhost:" + port);
    }
}
