package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleService;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Old WordPress addresses of imported posts answer 301 over real HTTP; Minbar's own pages are untouched. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WordpressRedirectIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    WxrImporter importer;

    @Autowired
    WordpressLinks links;

    @Autowired
    ArticleService articles;

    Http http;

    @BeforeEach
    void importSite() throws Exception {
        http = new Http(port);
        importer.run(WxrReaderTests.fixture("site.xml"), new WxrImporter.Options(WxrReaderTests.fixture("uploads"), false),
                new WxrReport(), () -> { });
    }

    private Article post(long postId) {
        return articles.find(links.post(WxrImportContract.SITE, postId).orElseThrow().articleId()).orElseThrow();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void theOldPermalinkAnswersWithAPermanentRedirectToTheArticle() {
        Article article = post(100);
        HttpResponse<String> response = http.get("/2021/12/07/%d8%a7%d8%ac%d8%aa%d9%85%d8%a7%d8%b9-%d9%81%d9%8a-%d8%af%d9%85%d8%b4%d9%82/");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(article.path());
        assertThat(http.get(response.headers().firstValue("Location").orElseThrow()).statusCode()).isEqualTo(200);
    }

    @Test
    void theQueryStringPostIdOnTheHomePageRedirects() {
        HttpResponse<String> response = http.get("/?p=101");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(post(101).path());
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void theBarePostSlugRedirects() {
        HttpResponse<String> response = http.get("/hamidiyeh-prices");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(post(101).path());
        assertThat(http.get("/" + encode("اجتماع-في-دمشق") + "/").statusCode()).isEqualTo(301);
    }

    @Test
    void unpublishedPostsAndUnknownPathsAreNotRedirected() {
        assertThat(http.get("/internal-notes").statusCode()).isEqualTo(404);
        assertThat(http.get("/?p=105").statusCode()).isEqualTo(200); // the home page, not the private post
        assertThat(http.get("/no-such-wordpress-post").statusCode()).isEqualTo(404);
    }
}
