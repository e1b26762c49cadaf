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
class EmptySiteDistributionIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void feedsSitemapsAndApiAnswerWithoutArticles() throws Exception {
        Http http = new Http(port);
        for (String path : List.of("/feed", "/feed/atom")) {
            assertThat(new SyndFeedInput().build(new StringReader(http.get(path).body())).getEntries()).isEmpty();
        }
        String index = http.get("/sitemap.xml").body();
        validate(index, "siteindex.xsd");
        for (String sitemap : Jsoup.parse(index, "", Parser.xmlParser()).select("sitemap > loc").eachText()) {
            validate(http.get(sitemap).body(), "sitemap.xsd");
        }
        assertThat(http.get("/sitemap-articles-1.xml").statusCode()).isEqualTo(404);
        assertThat(http.get("/sitemap-news.xml").statusCode()).isEqualTo(200);
        var list = http.get("/api/v1/articles");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.parse(list.body()).path("total").asLong()).isZero();
        assertThat(list.headers().firstValue("ETag")).isPresent();
    }

    private static void validate(String xml, String schema) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(EmptySiteDistributionIntegrationTests.class.getResource("/schemas/" + schema).toString()))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
