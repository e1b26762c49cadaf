package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minbar.support.PageMetadata.jsonLd;
import static org.minbar.support.PageMetadata.meta;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Canonical URL, description, Open Graph, Twitter card and schema.org JSON-LD on the reader pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageMetadataIntegrationTests {

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
    ArticleImport imports;

    @Autowired
    TaxonomyService taxonomy;

    Http http;
    Article seed;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        seed = editing.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
    }

    @Test
    void seedArticleHasNewsArticleJsonLdWithTheRequiredFields() {
        Document page = page(seed.path());
        JsonNode article = jsonLd(page, "NewsArticle");
        assertThat(article.path("@context").asString()).isEqualTo("https://schema.org");
        assertThat(article.path("headline").asString()).isEqualTo(SEED_TITLE);
        assertThat(article.path("url").asString()).isEqualTo(http.base() + seed.path());
        assertThat(OffsetDateTime.parse(article.path("datePublished").asString()).toInstant())
                .isEqualTo(seed.publishedAt().toInstant());
        assertThat(OffsetDateTime.parse(article.path("dateModified").asString()).toInstant())
                .isAfterOrEqualTo(seed.publishedAt().toInstant());
        assertThat(article.path("author").valueStream().map(a -> a.path("@type").asString() + ":" + a.path("name").asString()))
                .containsExactly("Person:أحمد قطمة");
        JsonNode publisher = article.path("publisher");
        assertThat(publisher.path("name").asString()).isEqualTo("منبر");
        assertThat(publisher.path("logo").path("url").asString()).startsWith(http.base() + "/brand/logo-").endsWith(".png");
        assertThat(http.get(publisher.path("logo").path("url").asString()).statusCode()).isEqualTo(200);
        assertThat(article.path("image").isArray()).isTrue();
        // The demo gives the seed article a lead photo: it is what the article shares (a large rendition of it).
        assertThat(seed.leadImageUrl()).startsWith("/media/");
        assertThat(article.path("image").path(0).asString()).as("the lead photo")
                .startsWith(http.base() + "/media/").isEqualTo(meta(page, "property", "og:image"));
        Section section = taxonomy.section(seed.sectionId()).orElseThrow();
        assertThat(article.path("articleSection").asString()).isEqualTo(section.name());
        List<String> tags = taxonomy.tags(seed.tagIds()).stream().map(Tag::name).toList();
        assertThat(tags).isNotEmpty();
        assertThat(article.path("keywords").asString().split(", ")).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(article.path("inLanguage").asString()).isEqualTo("ar");

        JsonNode crumbs = jsonLd(page, "BreadcrumbList").path("itemListElement");
        assertThat(crumbs.valueStream().map(c -> c.path("name").asString()))
                .containsExactly("منبر", section.name(), SEED_TITLE);
        assertThat(crumbs.path(2).path("item").asString()).isEqualTo(http.base() + seed.path());
        assertThat(crumbs.path(0).path("position").asInt()).isEqualTo(1);
    }

    /**
     * With no base URL configured, a Host that does not name this machine does not become the
     * canonical address nor og:url (reproduced: {@code Host: evil.example} was written into both, and
     * through the page cache into every reader's copy).
     */
    @Test
    void anArbitraryHostHeaderDoesNotSetTheCanonicalAddress() throws java.io.IOException {
        String articlePath = java.net.URI.create(http.base() + seed.path()).toASCIIString().substring(http.base().length());
        for (String path : List.of(articlePath, "/no-such-page-for-host")) {
            Document page = Jsoup.parse(rawGet(path, "evil.example"));
            assertThat(page.selectFirst("link[rel=canonical]").attr("href")).as(path).startsWith(http.base() + "/");
            assertThat(page.outerHtml()).as(path).doesNotContain("evil.example");
        }
        assertThat(meta(Jsoup.parse(rawGet(articlePath, "evil.example")), "property", "og:url")).isEqualTo(http.base() + seed.path());
    }

    /** The JDK's client will not send a Host of its choosing. */
    private String rawGet(String path, String host) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void seedArticleHasCanonicalDescriptionOpenGraphAndTwitterTags() {
        Document page = page(seed.path());
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(http.base() + seed.path());
        assertThat(meta(page, "name", "description")).isEqualTo(seed.excerpt());
        assertThat(meta(page, "property", "og:type")).isEqualTo("article");
        assertThat(meta(page, "property", "og:title")).startsWith(SEED_TITLE);
        assertThat(meta(page, "property", "og:url")).isEqualTo(http.base() + seed.path());
        assertThat(meta(page, "property", "og:locale")).isEqualTo("ar_AR");
        assertThat(meta(page, "name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(page, "name", "twitter:title")).startsWith(SEED_TITLE);
        assertThat(meta(page, "property", "article:section")).isEqualTo(taxonomy.section(seed.sectionId()).orElseThrow().name());
        assertThat(page.select("meta[property=article:tag]").eachAttr("content"))
                .containsExactlyElementsOf(taxonomy.tags(seed.tagIds()).stream()
                        .sorted(java.util.Comparator.comparingInt(t -> seed.tagIds().indexOf(t.id()))).map(Tag::name).toList());
    }

    @Test
    void leadImageIsTheShareImage() {
        long id = imports.create(new ArticleDraft("خبر بصورة رئيسية", "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null, null,
                List.of(), List.of(), "/media/logo.svg", "شعار منبر", null));
        Article a = editing.find(id).orElseThrow();
        Document page = page(a.path());
        assertThat(meta(page, "property", "og:image")).isEqualTo(http.base() + "/media/logo.svg");
        assertThat(meta(page, "property", "og:image:alt")).isEqualTo("شعار منبر");
        assertThat(meta(page, "name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(page, "name", "twitter:image")).isEqualTo(http.base() + "/media/logo.svg");
        JsonNode json = jsonLd(page, "NewsArticle");
        assertThat(json.path("image").path(0).asString()).isEqualTo(http.base() + "/media/logo.svg");
        assertThat(json.path("author").path("@type").asString()).as("no contributors: the publisher").isEqualTo("NewsMediaOrganization");
    }

    @Test
    void homePageHasWebSiteWithSearchAction() {
        Document page = page("/");
        JsonNode site = jsonLd(page, "WebSite");
        assertThat(site.path("url").asString()).isEqualTo(http.base() + "/");
        JsonNode action = site.path("potentialAction");
        assertThat(action.path("@type").asString()).isEqualTo("SearchAction");
        String template = action.path("target").path("urlTemplate").asString();
        assertThat(template).isEqualTo(http.base() + "/search?q={search_term_string}");
        assertThat(action.path("query-input").asString()).isEqualTo("required name=search_term_string");
        assertThat(http.get(template.replace("{search_term_string}", "x")).statusCode()).isEqualTo(200);
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(http.base() + "/");
        assertThat(meta(page, "property", "og:type")).isEqualTo("website");
    }

    @Test
    void sectionAndTagPagesAreCollectionPagesWithBreadcrumbs() {
        Section section = taxonomy.section(seed.sectionId()).orElseThrow();
        Tag tag = taxonomy.tags(seed.tagIds()).get(0);
        for (var target : List.of(List.of(section.path(), section.name()), List.of(tag.path(), tag.name()))) {
            Document page = page(target.get(0));
            JsonNode collection = jsonLd(page, "CollectionPage");
            assertThat(collection.path("name").asString()).isEqualTo(target.get(1));
            assertThat(collection.path("url").asString()).isEqualTo(http.base() + target.get(0));
            assertThat(collection.path("isPartOf").path("@type").asString()).isEqualTo("WebSite");
            assertThat(jsonLd(page, "BreadcrumbList").path("itemListElement").path(1).path("name").asString())
                    .isEqualTo(target.get(1));
            assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(http.base() + target.get(0));
            assertThat(meta(page, "name", "description")).contains(target.get(1));
        }
    }

    @Test
    void everyPageHasADescriptionAndSocialTags() {
        for (String path : List.of("/", seed.path(), "/search?q=%D8%A8%D8%A7%D9%8A%D8%AF%D9%86", "/popular", "/no-such-page",
                "/newsletter")) {
            Document page = page(path);
            assertThat(meta(page, "name", "description")).as(path).isNotBlank();
            assertThat(meta(page, "property", "og:title")).as(path).isNotBlank();
            assertThat(meta(page, "property", "og:site_name")).as(path).isEqualTo("منبر");
            assertThat(meta(page, "name", "twitter:card")).as(path).isNotBlank();
            assertThat(page.selectFirst("link[rel=canonical]")).as(path).isNotNull();
        }
    }

    /** The newsletter page and the 404 page name their own address (reproduced: they had no canonical link). */
    @Test
    void newsletterAndNotFoundPagesNameTheirOwnAddress() {
        assertThat(page("/newsletter").selectFirst("link[rel=canonical]").attr("href")).isEqualTo(http.base() + "/newsletter");
        HttpResponse<String> missing = http.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.body()).selectFirst("link[rel=canonical]").attr("href"))
                .as("its own address, never another page's").isEqualTo(http.base() + "/no-such-page");
    }

    @Test
    void jsonLdCannotCloseItsScriptElement() {
        long id = imports.create(new ArticleDraft("عنوان فيه </script><script>alert(1)</script> & <!--", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        HttpResponse<String> response = http.get("/news/" + id);
        String html = http.get(response.headers().firstValue("Location").orElseThrow()).body();
        Document page = Jsoup.parse(html);
        assertThat(page.select("script:not([src])")).allSatisfy(s -> assertThat(s.attr("type")).isEqualTo("application/ld+json"));
        assertThat(jsonLd(page, "NewsArticle").path("headline").asString())
                .isEqualTo("عنوان فيه </script><script>alert(1)</script> & <!--");
        assertThat(html).doesNotContain("<script>alert(1)");
    }

    private Document page(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isIn(200, 404);
        return Jsoup.parse(response.body(), http.base() + path);
    }
}
