package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
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
    ArticleEditing editing;

    Http http;

    @BeforeEach
    void importSite() throws Exception {
        http = new Http(port);
        importer.run(WxrReaderTests.fixture("site.xml"), new WxrImporter.Options(WxrReaderTests.fixture("uploads"), false),
                new WxrReport(), () -> { });
        importer.run(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), new WxrImporter.Options(null, false),
                new WxrReport(), () -> { });
    }

    private String location(String path, int status) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        return response.headers().firstValue("Location").orElse(null);
    }

    /** Follows the 301 of {@code path} and checks it ends at {@code target}, a page that answers 200. */
    private void redirects(String path, String target) {
        String location = location(path, 301);
        assertThat(location).as(path).endsWith(target);
        assertThat(http.get(location.substring(location.indexOf(target))).statusCode()).as(target).isEqualTo(200);
    }

    private Article post(long postId) {
        return editing.find(links.post(WxrImportContract.SITE, postId).orElseThrow().articleId()).orElseThrow();
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
    void unpublishedPostsAndUnknownPathsAreNotFoundNotTheHomePage() {
        assertThat(http.get("/internal-notes").statusCode()).isEqualTo(404);
        assertThat(http.get("/?p=105").statusCode()).as("a private post").isEqualTo(404);
        assertThat(http.get("/?p=1164").statusCode()).as("a draft").isEqualTo(404);
        assertThat(http.get("/?p=999999").statusCode()).isEqualTo(404);
        assertThat(http.get("/?p=abc").statusCode()).isEqualTo(404);
        assertThat(http.get("/?page_id=999999").statusCode()).isEqualTo(404);
        assertThat(http.get("/no-such-wordpress-post").statusCode()).isEqualTo(404);
        assertThat(http.get("/category/no-such-category/").statusCode()).isEqualTo(404);
        assertThat(http.get("/2021/13/").statusCode()).isEqualTo(404);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordProtectedPostIsNeitherOnItsPageNorInTheApiNorRedirected() {
        long id = links.post("https://wordpress.com", 1168).orElseThrow().articleId();
        Article article = editing.find(id).orElseThrow();
        assertThat(http.get("/?p=1168").statusCode()).isEqualTo(404);
        assertThat(http.get("/2012/01/04/template-password-protected/").statusCode()).isEqualTo(404);
        HttpResponse<String> page = http.get(article.path());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("should not be visible");
        HttpResponse<String> api = http.get("/api/v1/articles/" + id);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).doesNotContain("should not be visible");
    }

    @Test
    void tagsKeepTheirWordpressSlugAndEveryOldTagAddressRedirects() {
        assertThat(http.get("/tag/alignment-2").statusCode()).isEqualTo(200);
        redirects("/tag/alignment-2/", "/tag/alignment-2");
        redirects("/tag/alignment-2/feed/", "/tag/alignment-2/feed");
        redirects("/tag/alignment-2/feed/atom/", "/tag/alignment-2/feed/atom");
        redirects("/?tag=alignment-2", "/tag/alignment-2");
        assertThat(http.get("/tag/alignment-2/feed").statusCode()).as("Minbar's own tag feed").isEqualTo(200);
    }

    @Test
    void categoryAddressesRedirectToTheirSectionsWithTheirFeedsAndPages() {
        redirects("/category/parent/child-1/child-2/", "/section/child-2");
        redirects("/category/child-2/", "/section/child-2");
        redirects("/category/foo-parent/foo-a-foo-parent/", "/section/foo-a-foo-parent");
        redirects("/category/foo-a/", "/section/foo-a");
        redirects("/category/markup/feed/", "/section/markup/feed");
        redirects("/category/markup/feed/atom/", "/section/markup/feed/atom");
        redirects("/category/markup/page/1/", "/section/markup");
        // The section has one page of articles: Minbar answers its page 2 with a 404 of its own.
        assertThat(location("/category/markup/page/2/", 301)).endsWith("/section/markup?page=2");
    }

    @Test
    void theSiteFeedsRedirectAndTheCommentFeedsAreGone() {
        redirects("/feed/", "/feed");
        redirects("/feed/rss2/", "/feed");
        redirects("/feed/atom/", "/feed/atom");
        redirects("/?feed=rss2", "/feed");
        redirects("/?feed=atom", "/feed/atom");
        assertThat(http.get("/feed").statusCode()).isEqualTo(200);
        assertThat(http.get("/comments/feed/").statusCode()).as("Minbar has no comments").isEqualTo(410);
        assertThat(http.get("/?feed=comments-rss2").statusCode()).isEqualTo(410);
        assertThat(http.get("/hamidiyeh-prices/feed/").statusCode()).isEqualTo(410);
    }

    @Test
    void dateArchivesGoToTheSearchPageForThatPeriodNewestFirst() {
        redirects("/2021/", "/search?from=2021-01-01&to=2021-12-31&sort=newest");
        redirects("/2021/12/", "/search?from=2021-12-01&to=2021-12-31&sort=newest");
        redirects("/2021/12/07/", "/search?from=2021-12-07&to=2021-12-07&sort=newest");
    }
}
