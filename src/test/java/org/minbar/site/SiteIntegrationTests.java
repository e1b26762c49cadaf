package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleEditing;
import org.minbar.article.PublishedArticles;
import org.minbar.newsletter.NewsletterService;
import org.minbar.system.StaticAssets;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The reader site over real HTTP, on the demo content loaded at first start. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SiteIntegrationTests.FailingPage.class)
class SiteIntegrationTests {

    static final String SEED_TITLE = SeedFile.TITLE;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    NewsletterService newsletter;

    Http http;
    long seedId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        seedId = articles.publishedIdWithTitle(SEED_TITLE).orElseThrow();
    }

    private Document seedPage() {
        HttpResponse<String> byId = http.get("/news/" + seedId);
        assertThat(byId.statusCode()).isEqualTo(301);
        HttpResponse<String> page = http.get(byId.headers().firstValue("Location").orElseThrow());
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body());
    }

    @Test
    void seedArticlePageIsArabicRightToLeft() {
        Element html = seedPage().selectFirst("html");
        assertThat(html.attr("lang")).isEqualTo("ar");
        assertThat(html.attr("dir")).isEqualTo("rtl");
    }

    @Test
    void seedArticlePageShowsEveryBlockOfTheReferencePageInOrder() {
        Document page = seedPage();
        Element article = page.selectFirst("article.article");
        assertThat(article.select("h1")).hasSize(1);
        assertThat(article.selectFirst("h1").text()).isEqualTo(SEED_TITLE);
        assertThat(article.selectFirst(".source-label").text()).isEqualTo("ليفانت-خاص");
        assertThat(article.selectFirst(".byline").text()).isEqualTo("إعداد وتحرير: أحمد قطمة");
        assertThat(article.selectFirst(".dateline time").attr("datetime")).startsWith("2021-12-07");
        assertThat(article.selectFirst(".dateline").text()).contains("7 كانون الأول 2021");

        Element body = article.selectFirst(".article-body");
        assertThat(body.select("p")).hasSize(14);
        assertThat(body.select("h2")).hasSize(5);
        assertThat(body.select("aside.read-also")).hasSize(5).allSatisfy(promo -> {
            assertThat(promo.text()).startsWith("اقرأ أيضاً:");
            assertThat(promo.selectFirst("a").attr("href")).startsWith("/search?q=");
        });
        assertThat(body.text()).doesNotContain("العلامات", "منشورات شائعة", "النشرة الإخبارية", "قد تحب أيضا");

        assertThat(page.selectFirst("section.tags h2").text()).isEqualTo("العلامات");
        assertThat(page.select("section.tags a[rel=tag]")).extracting(Element::text).contains("بوتين", "أوكرانيا");
        assertThat(page.selectFirst("section.related h2").text()).isEqualTo("قد تحب أيضا");
        assertThat(page.select("section.related .teaser a[href^=/news/]")).isNotEmpty();
        assertThat(page.select(".section-blocks .block-title")).extracting(Element::text)
                .containsExactly("كاريكاتير", "تقارير وتحقيقات", "الصحة", "المجتمع");
        assertThat(page.selectFirst("section.popular h2").text()).isEqualTo("منشورات شائعة");
        assertThat(page.select("section.popular li a")).isNotEmpty();
        assertThat(page.selectFirst("section.newsletter h2").text()).isEqualTo("النشرة الإخبارية");
        assertThat(page.selectFirst("section.newsletter").text()).contains("اشترك في قائمتنا البريدية للحصول على التحديثات الجديدة!");
        assertThat(page.select("section.newsletter form input[type=email]")).hasSize(1);

        String html = page.body().html(); // not the inline stylesheet, which names the same classes
        int[] order = {html.indexOf("<h1"), html.indexOf("source-label"), html.indexOf("class=\"byline\""),
            html.indexOf("dateline"), html.indexOf("article-body"), html.indexOf("tags-title"),
            html.indexOf("related-title"), html.indexOf("section-blocks"), html.indexOf("popular-title"),
            html.indexOf("newsletter-title")};
        assertThat(order).doesNotContain(-1).isSorted();
    }

    @Test
    void relatedArticlesNeverIncludeTheArticleItself() {
        Document page = seedPage();
        assertThat(page.select("section.related a, section.popular a"))
                .noneMatch(a -> a.attr("href").startsWith("/news/" + seedId + "/"));
    }

    @Test
    void unknownArticleAnswersAnArabic404() {
        HttpResponse<String> response = http.get("/news/987654321/لا-يوجد");
        assertThat(response.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("h1").text()).isEqualTo("الصفحة غير موجودة");
        assertThat(http.get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(http.get("/section/no-such-section").statusCode()).isEqualTo(404);
    }

    @Test
    void oldSlugAnswers301ToTheNewOne() {
        long id = articles.published(null, null, 5, 3).get(0).id();
        String oldPath = editing.find(id).orElseThrow().path();
        String oldSlug = editing.find(id).orElseThrow().slug();
        editing.changeSlug(id, "عنوان جديد للمقال " + id);
        String newPath = editing.find(id).orElseThrow().path();
        assertThat(newPath).isNotEqualTo(oldPath);

        HttpResponse<String> viaOldPath = http.get(oldPath);
        assertThat(viaOldPath.statusCode()).isEqualTo(301);
        assertThat(viaOldPath.headers().firstValue("Location")).hasValue(newPath);

        HttpResponse<String> viaOldSlugAlone = http.get("/news/" + oldPath.substring(oldPath.lastIndexOf('/') + 1));
        assertThat(viaOldSlugAlone.statusCode()).isEqualTo(301);
        assertThat(viaOldSlugAlone.headers().firstValue("Location")).hasValue(newPath);
        assertThat(URLDecoder.decode(newPath, StandardCharsets.UTF_8)).endsWith("عنوان-جديد-للمقال-" + id);
        assertThat(oldSlug).isNotBlank();
        assertThat(http.get(newPath).statusCode()).isEqualTo(200);
    }

    @Test
    void homeShowsTheLeadStoryLatestAndSections() {
        HttpResponse<String> response = http.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        Document home = Jsoup.parse(response.body());
        assertThat(home.selectFirst(".lead-title").text()).isEqualTo(SEED_TITLE);
        assertThat(home.select(".latest .teaser")).hasSizeGreaterThan(5);
        assertThat(home.select(".section-grid .block-title")).extracting(Element::text).contains("رياضة", "المجتمع", "الصحة");
        assertThat(home.select("nav.sections-nav a")).extracting(Element::text).contains("كاريكاتير", "تقارير وتحقيقات");
    }

    @Test
    void sectionAndTagPagesListTheirArticlesWithPages() {
        Document sport = Jsoup.parse(http.get("/section/sport").body());
        assertThat(sport.selectFirst("h1").text()).isEqualTo("رياضة");
        assertThat(sport.select(".teaser")).hasSize(20);
        String last = sport.select(".teaser h3 a").last().attr("href");
        assertThat(sport.selectFirst("a[rel=next]").attr("href")).as("names the last article shown: page 2 is read by key")
                .isEqualTo("/section/sport?page=2&after=" + last.split("/")[2]);
        Document second = Jsoup.parse(http.get(sport.selectFirst("a[rel=next]").attr("href")).body());
        assertThat(second.select(".teaser")).isNotEmpty();
        assertThat(second.select(".teaser h3")).extracting(Element::text)
                .isEqualTo(Jsoup.parse(http.get("/section/sport?page=2").body()).select(".teaser h3").eachText());
        assertThat(http.get("/section/sport?page=99").statusCode()).isEqualTo(404);
        assertThat(http.get("/section/sport?page=abc").statusCode()).isEqualTo(404);

        String tagPath = seedPage().selectFirst("section.tags a[rel=tag]").attr("href");
        Document tag = Jsoup.parse(http.get(tagPath).body());
        assertThat(tag.select(".teaser h3")).extracting(Element::text).contains(SEED_TITLE);
    }

    @Test
    void newsletterSignUpStoresAPendingSubscriberAndRejectsBadAddresses() {
        HttpResponse<String> ok = http.postForm("/newsletter/subscribe", "email", "Reader@Example.org", "from", "/news/" + seedId);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(ok.body()).selectFirst("h1").text()).isEqualTo("شكراً لاشتراكك!");
        assertThat(newsletter.status("reader@example.org")).hasValue("PENDING");

        HttpResponse<String> bad = http.postForm("/newsletter/subscribe", "email", "not an address");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(bad.body()).selectFirst("h1").text()).isEqualTo("العنوان غير صالح");
        assertThat(newsletter.status("not an address")).isEmpty();
    }

    @Test
    void theNewsletterPagesBackLinkStaysOnTheSite() {
        // Browsers read a backslash as a slash and drop tabs and newlines: each of these leaves the site.
        for (String hostile : List.of("/\\evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example",
                "https://evil.example")) {
            Document page = Jsoup.parse(http.postForm("/newsletter/subscribe", "email", "bad", "from", hostile).body());
            assertThat(page.selectFirst("a:contains(العودة)").attr("href")).as(hostile).isEqualTo("/");
        }
        Document page = Jsoup.parse(http.postForm("/newsletter/subscribe", "email", "bad", "from", "/news/7/عنوان-عربي").body());
        assertThat(page.selectFirst("a:contains(العودة)").attr("href")).isEqualTo("/news/7/عنوان-عربي");
    }

    @Test
    void failuresAnswerAnArabic500WithoutDetails() {
        HttpResponse<String> response = http.get("/test/failure");
        assertThat(response.statusCode()).isEqualTo(500);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(page.selectFirst("h1").text()).isEqualTo("حدث خطأ في الموقع");
        assertThat(response.body()).doesNotContain("IllegalStateException", "secret detail");
    }

    /** A page that fails, to see what readers get when something breaks. */
    @RestController
    static class FailingPage {
        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("secret detail");
        }
    }

    @Test
    void pagesCarryStrictSecurityHeaders() {
        HttpResponse<String> response = http.get("/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("UTF-8"));
    }

    @Test
    void searchLinksOfUnresolvedPromosWorkAndLongQueriesGetAnArabic400() {
        String query = "/search?q=" + java.net.URLEncoder.encode("بايدن", StandardCharsets.UTF_8);
        // The index is built in the background after the first start.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                Jsoup.parse(http.get(query).body()).select(".search-results .teaser h2").eachText().contains(SEED_TITLE));
        assertThat(http.get(query).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = http.get("/search?q=" + "ب".repeat(300));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).text()).contains("عبارة البحث طويلة جداً");
        assertThat(http.get("/search?q=%22%28%5B*").statusCode()).isEqualTo(200);
    }

    @Test
    void apiListsArticlesAndReturnsTheSeedWithContributorsAndRoles() {
        JsonNode seed = http.json("/api/v1/articles/" + seedId);
        assertThat(seed.get("title").asString()).isEqualTo(SEED_TITLE);
        assertThat(seed.get("sourceLabel").asString()).isEqualTo("ليفانت-خاص");
        assertThat(seed.get("url").asString()).isEqualTo(http.base() + editing.find(seedId).orElseThrow().path());
        assertThat(seed.get("section").get("slug").asString()).isEqualTo("reports");
        assertThat(seed.get("contributors")).hasSize(1);
        JsonNode contributor = seed.get("contributors").get(0);
        assertThat(contributor.get("name").asString()).isEqualTo("أحمد قطمة");
        assertThat(contributor.get("roles").findValuesAsString("code")).containsExactly("prepared", "edited");
        assertThat(contributor.get("roles").findValuesAsString("label")).containsExactly("إعداد", "تحرير");
        assertThat(seed.get("tags").findValuesAsString("name")).contains("بايدن", "بوتين");
        assertThat(seed.get("body").asString()).contains("<h2>لقاء بايدن وبوتين</h2>", "class=\"read-also\"");
        assertThat(seed.get("published").asString()).startsWith("2021-12-07T17:30");

        JsonNode list = http.json("/api/v1/articles?size=5");
        assertThat(list.get("total").asLong()).isGreaterThan(300);
        assertThat(list.get("articles")).hasSize(5);
        assertThat(list.get("articles").get(0).get("id").asLong()).isEqualTo(seedId);

        JsonNode sport = http.json("/api/v1/articles?section=sport&size=100");
        assertThat(sport.get("articles")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("section").get("slug").asString()).isEqualTo("sport"));
        JsonNode tagged = http.json("/api/v1/articles?tag=" + java.net.URLEncoder.encode("بوتين", StandardCharsets.UTF_8));
        assertThat(tagged.get("articles").findValuesAsString("title")).contains(SEED_TITLE);
    }

    @Test
    void apiAnswersBadRequestsWithJsonErrors() {
        HttpResponse<String> missing = http.get("/api/v1/articles/987654321");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.parse(missing.body()).get("detail").asString()).contains("987654321");
        assertThat(http.get("/api/v1/articles/abc").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/articles?section=nope").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/articles?size=100000").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownApi = http.get("/api/v1/nothing-here");
        assertThat(unknownApi.statusCode()).isEqualTo(404);
        assertThat(unknownApi.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }

    /** Every text a reader's browser or an API client downloads is sent compressed when asked (scripts and API answers were not). */
    @Test
    void pagesScriptsStylesheetsAndFeedsAreSentGzipped() throws Exception {
        String article = editing.find(seedId).orElseThrow().path();
        for (String path : List.of("/", article, "/js/suggest.js", "/js/newsroom.js", "/css/site.css", "/css/newsroom.css", "/feed",
                "/api/v1/articles")) {
            HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzipped = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
            assertThat(gzipped.body().length).as(path).isLessThan(unzipped.length);
            if (!path.equals("/") && !path.equals("/feed")) { // the home page and feed may change between the two requests
                assertThat(new String(unzipped, StandardCharsets.UTF_8)).as(path).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void stylesheetsScriptsAndFontsAreNamedByTheirContentAndKeptForAYear() throws Exception {
        String home = http.get("/").body();
        String newsroom = http.get("/newsroom/login").body();
        java.util.regex.Matcher js = java.util.regex.Pattern.compile("src=\"(/js/suggest-[0-9a-f]{32}\\.js)\"").matcher(home);
        java.util.regex.Matcher font = java.util.regex.Pattern.compile("href=\"(/fonts/noto-naskh-arabic-arabic-400-normal-[0-9a-f]{32}\\.woff2)\"")
                .matcher(home);
        java.util.regex.Matcher newsroomCss = java.util.regex.Pattern.compile("href=\"(/css/newsroom-[0-9a-f]{32}\\.css)\"").matcher(newsroom);
        assertThat(js.find() && font.find() && newsroomCss.find()).as("hashed names in the pages").isTrue();
        for (String path : List.of(js.group(1), font.group(1), newsroomCss.group(1), StaticAssets.url("/css/site.css"))) {
            HttpResponse<byte[]> asset = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).as(path)
                    .contains("max-age=31536000", "public", "immutable");
        }
        String stylesheet = inlineStyle(home);
        assertThat(stylesheet).as("the page's stylesheet names the fonts by their hashed names too, the preloaded one among them")
                .contains("url(" + font.group(1) + ")").doesNotContain("noto-naskh-arabic-arabic-400-normal.woff2)");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/css/site.css")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the plain name still answers").isEqualTo(200);
    }

    /**
     * Reproduced: Lighthouse listed /css/site.css as render-blocking on every reader page (the first
     * paint waited for a second request). The stylesheet is now in the page, allowed by its hash in
     * the Content-Security-Policy, which still allows no other inline style or script.
     */
    @Test
    void readerPagesCarryTheirStylesheetInlineAllowedByItsHashAlone() throws Exception {
        String article = editing.find(seedId).orElseThrow().path();
        for (String path : List.of("/", article, "/section/sport", "/search?q=x", "/no-such-page")) {
            HttpResponse<String> page = http.get(path);
            String head = page.body().substring(0, page.body().indexOf("</head>"));
            assertThat(head).as(path).doesNotContain("rel=\"stylesheet\"");
            String css = inlineStyle(page.body());
            assertThat(css).as(path).contains("@font-face", ".masthead");
            String hash = java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("style-src 'self' 'sha256-" + hash + "';").doesNotContain("unsafe-inline").contains("script-src 'self';"));
        }
    }

    private static String inlineStyle(String page) {
        int start = page.indexOf("<style>");
        assertThat(start).as("an inline stylesheet").isPositive();
        return page.substring(start + "<style>".length(), page.indexOf("</style>", start));
    }
}
