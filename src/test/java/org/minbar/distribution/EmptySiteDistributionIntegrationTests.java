package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A new site with no articles: feeds, sitemaps and the API answer, and stay valid. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minbar.demo.load-on-first-start=false")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EmptySiteDistributionIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    @org.junit.jupiter.api.Order(1)
    void feedsSitemapsAndApiAnswerWithoutArticles() throws Exception {
        Http http = new Http(port);
        for (String path : List.of("/feed", "/feed/atom")) {
            assertThat(new SyndFeedInput().build(new StringReader(http.get(path).body())).getEntries()).isEmpty();
        }
        // Atom requires a feed-level <updated> (RFC 4287, 4.1.1), entries or not; it was missing.
        String atom = http.get("/feed/atom").body();
        org.jsoup.nodes.Element updated = Jsoup.parse(atom, "", Parser.xmlParser()).selectFirst("feed > updated");
        assertThat(updated).as("the empty Atom feed's <updated>").isNotNull();
        assertThat(java.time.OffsetDateTime.parse(updated.text()).toInstant()).isBeforeOrEqualTo(java.time.Instant.now());
        String index = http.get("/sitemap.xml").body();
        validate(index, "siteindex.xsd");
        for (String sitemap : Jsoup.parse(index, "", Parser.xmlParser()).select("sitemap > loc").eachText()) {
            validate(http.get(sitemap).body(), "sitemap.xsd");
        }
        assertThat(http.get("/sitemap-articles-1.xml").statusCode()).isEqualTo(404);
        // No article, no news sitemap: an empty urlset fails the sitemaps.org and Google News schemas.
        assertThat(http.get("/sitemap-news.xml").statusCode()).isEqualTo(404);
        assertThat(http.get("/robots.txt").body()).contains("/sitemap.xml").doesNotContain("sitemap-news");
        var list = http.get("/api/v1/articles");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.parse(list.body()).path("total").asLong()).isZero();
        assertThat(list.headers().firstValue("ETag")).isPresent();
    }

    /**
     * With no article from the last two days the news sitemap lists the newest one (Google lets older
     * articles stay; they are no longer shown in Google News) and stays valid. Reproduced: it was an
     * empty urlset, which both schemas refuse (a urlset needs a url).
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void newsSitemapWithNothingRecentListsTheNewestArticleAndValidates(@org.springframework.beans.factory.annotation.Autowired
            org.minbar.article.ArticleImport imports) throws Exception {
        Http http = new Http(port);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        for (int days : new int[] {9, 5}) {
            imports.create(new org.minbar.article.ArticleDraft("خبر نشر قبل " + days + " أيام", "<p>نص الخبر.</p>", null,
                    org.minbar.article.ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, now.minusDays(days)));
        }
        var news = http.get("/sitemap-news.xml");
        assertThat(news.statusCode()).isEqualTo(200);
        validate(news.body(), "sitemap.xsd", "sitemap-news.xsd");
        var xml = Jsoup.parse(news.body(), "", Parser.xmlParser());
        assertThat(xml.select("url")).hasSize(1);
        assertThat(xml.getElementsByTag("news:title").text()).isEqualTo("خبر نشر قبل 5 أيام");
        // An import's publish may leave the kept robots.txt a second more (site.PageCache).
        long deadline = System.nanoTime() + 5_000_000_000L;
        String robots = http.get("/robots.txt").body();
        while (!robots.contains("sitemap-news") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            robots = http.get("/robots.txt").body();
        }
        assertThat(robots).contains("Sitemap: " + http.base() + "/sitemap-news.xml");
    }

    private static void validate(String xml, String... schemas) throws Exception {
        javax.xml.transform.Source[] sources = new javax.xml.transform.Source[schemas.length];
        for (int i = 0; i < schemas.length; i++) {
            sources[i] = new StreamSource(EmptySiteDistributionIntegrationTests.class.getResource("/schemas/" + schemas[i]).toString());
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }
}
