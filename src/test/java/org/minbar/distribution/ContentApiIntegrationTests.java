package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The read API under /api/v1 over real HTTP: lists with paging links, conditional GET, CORS, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentApiIntegrationTests {

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
    ArticleImport imports;

    @Autowired
    org.minbar.article.ArticleEditing editing;

    @Autowired
    org.minbar.taxonomy.TaxonomyService taxonomy;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http http;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** Reproduced: a tag named only on a draft was listed by the API and had a reader page. */
    @Test
    void aTagUsedOnlyOnADraftIsNotShown() {
        org.minbar.taxonomy.Tag secret = taxonomy.ensureTag("وسم لم ينشر بعد");
        editing.createDraft(new org.minbar.article.ArticleEdit("مسودة بوسم سري", "<p>نص.</p>", null, null, null,
                java.util.List.of(secret.id()), java.util.List.of(), null, null, null, null, null, true), "editor1");
        for (int page = 1; page <= 20; page++) {
            JsonNode tags = http.json("/api/v1/tags?size=100&page=" + page).get("tags");
            tags.forEach(tag -> assertThat(tag.get("name").asString()).isNotEqualTo(secret.name()));
            if (tags.size() < 100) {
                break;
            }
        }
        assertThat(http.get("/api/v1/tags/" + secret.slug()).statusCode()).isEqualTo(404);
        assertThat(http.get(java.net.URI.create(http.base() + secret.path()).toASCIIString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aContributorNamedOnlyOnADraftIsNotShown() {
        String name = "كاتب لم ينشر له بعد";
        editing.createDraft(new org.minbar.article.ArticleEdit("مسودة بكاتب سري", "<p>نص.</p>", null, null, null,
                java.util.List.of(), java.util.List.of(new org.minbar.article.Contributor(name,
                        java.util.List.of(org.minbar.article.ContributorRole.values()[0]))),
                null, null, null, null, null, true), "editor1");
        long id = jdbc.sql("select id from contributor where name = ?").param(name).query(Long.class).single();
        assertThat(http.get("/api/v1/contributors/" + id).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/contributors/" + id + "/articles").statusCode()).isEqualTo(404);
        for (int page = 1; page <= 20; page++) {
            JsonNode contributors = http.json("/api/v1/contributors?size=100&page=" + page).get("contributors");
            contributors.forEach(c -> assertThat(c.get("name").asString()).isNotEqualTo(name));
            if (contributors.size() < 100) {
                break;
            }
        }
    }

    @Test
    void articleListsCarryPagingLinksInTheBodyAndTheLinkHeader() {
        HttpResponse<String> response = http.get("/api/v1/articles?page=2&size=5");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.parse(response.body());
        long total = articles.countPublished(null, null);
        assertThat(body.path("total").asLong()).isEqualTo(total);
        assertThat(body.path("pages").asLong()).isEqualTo((total + 4) / 5);
        assertThat(body.path("articles").size()).isEqualTo(5);
        JsonNode links = body.path("links");
        assertThat(links.path("self").asString()).isEqualTo(http.base() + "/api/v1/articles?page=2&size=5");
        assertThat(links.path("prev").asString()).isEqualTo(http.base() + "/api/v1/articles?page=1&size=5");
        long lastShown = body.path("articles").path(4).path("id").asLong();
        assertThat(links.path("next").asString()).as("names the last article shown: the next page is read by key")
                .isEqualTo(http.base() + "/api/v1/articles?page=3&size=5&after=" + lastShown);
        assertThat(links.path("last").asString()).isEqualTo(http.base() + "/api/v1/articles?page=" + (total + 4) / 5 + "&size=5");
        assertThat(response.headers().firstValue("Link").orElseThrow())
                .contains("<" + http.base() + "/api/v1/articles?page=3&size=5&after=" + lastShown + ">; rel=\"next\"");
        JsonNode next = http.json(links.path("next").asString());
        assertThat(next.path("articles").findValues("id")).as("the page its number names")
                .isEqualTo(http.json("/api/v1/articles?page=3&size=5").path("articles").findValues("id"));
        assertThat(next.path("links").path("prev").asString()).isEqualTo(http.base() + "/api/v1/articles?page=2&size=5");
        assertThat(http.get("/api/v1/articles?page=2&after=x").statusCode()).isEqualTo(400);
        JsonNode last = http.json(links.path("last").asString());
        assertThat(last.path("links").has("next")).isFalse();
        assertThat(http.get("/api/v1/articles?size=1000").statusCode()).isEqualTo(400);
    }

    @Test
    void sectionsAndTagsAreListedWithTheirFeedsAndArticles() {
        JsonNode sections = http.json("/api/v1/sections");
        assertThat(sections.size()).isGreaterThan(3);
        JsonNode first = sections.path(0);
        assertThat(first.path("url").asString()).startsWith(http.base() + "/section/");
        assertThat(http.get(first.path("feed").asString()).statusCode()).isEqualTo(200);
        JsonNode sectionArticles = http.json(first.path("articles").asString());
        assertThat(sectionArticles.path("total").asLong()).isEqualTo(first.path("count").asLong());
        JsonNode one = http.json("/api/v1/sections/" + first.path("slug").asString());
        assertThat(one.path("name").asString()).isEqualTo(first.path("name").asString());
        assertThat(http.get("/api/v1/sections/no-such-section").statusCode()).isEqualTo(404);

        JsonNode tags = http.json("/api/v1/tags?size=3");
        assertThat(tags.path("tags").size()).isEqualTo(3);
        assertThat(tags.path("links").path("next").asString()).contains("page=2");
        JsonNode tag = tags.path("tags").path(0);
        assertThat(http.json(tag.path("articles").asString()).path("total").asLong()).isEqualTo(tag.path("count").asLong());
        String encoded = java.net.URLEncoder.encode(tag.path("slug").asString(), StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(http.json("/api/v1/tags/" + encoded).path("name").asString()).isEqualTo(tag.path("name").asString());
        assertThat(http.get("/api/v1/tags/no-such-tag").statusCode()).isEqualTo(404);
    }

    @Test
    void contributorsAreListedWithTheirArticles() {
        JsonNode list = http.json("/api/v1/contributors?size=100");
        JsonNode ahmad = null;
        for (JsonNode c : list.path("contributors")) {
            if (c.path("name").asString().equals("أحمد قطمة")) {
                ahmad = c;
            }
        }
        assertThat(ahmad).as("the seed's contributor").isNotNull();
        assertThat(ahmad.path("count").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode one = http.json("/api/v1/contributors/" + ahmad.path("id").asLong());
        assertThat(one.path("name").asString()).isEqualTo("أحمد قطمة");
        JsonNode written = http.json(ahmad.path("articles").asString());
        assertThat(written.path("articles").valueStream().map(a -> a.path("title").asString())).contains(SEED_TITLE);
        assertThat(http.get("/api/v1/contributors/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void searchRelatedAndPopularAnswerUnderTheSameVersion() {
        long seed = articles.publishedIdWithTitle(SEED_TITLE).orElseThrow();
        assertThat(http.get("/api/v1/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/articles/" + seed + "/related").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/popular").statusCode()).isEqualTo(200);
        assertThat(http.json("/api/v1/articles/" + seed).path("title").asString()).isEqualTo(SEED_TITLE);
    }

    @Test
    void unchangedAnswersAre304ByETag() throws Exception {
        for (String path : List.of("/api/v1/articles?size=3", "/api/v1/sections", "/api/v1/popular", "/api/v1/tags")) {
            HttpResponse<String> first = http.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("public, no-cache");
            HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(http.base() + path)).header("If-None-Match", etag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(http.base() + path)).header("If-None-Match", "\"other\""));
            assertThat(other.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void lastModifiedFollowsTheArticlesAndAnswers304UntilOneChanges() throws Exception {
        String path = "/api/v1/articles?size=3";
        HttpResponse<String> first = http.get(path);
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> unchanged = send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("If-Modified-Since", lastModified));
        assertThat(unchanged.statusCode()).isEqualTo(304);

        Thread.sleep(1100);
        imports.create(new ArticleDraft("خبر يغيّر تاريخ التعديل", "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null, null,
                List.of(), List.of(), null, null, null));
        HttpResponse<String> changed = send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("If-Modified-Since", lastModified));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("Last-Modified").orElseThrow()).isNotEqualTo(lastModified);
        assertThat(Http.parse(changed.body()).path("articles").path(0).path("title").asString()).isEqualTo("خبر يغيّر تاريخ التعديل");
    }

    @Test
    void anyOriginMayReadTheApi() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/sections"))
                .header("Origin", "https://reader.example"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag");

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/articles"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://reader.example").header("Access-Control-Request-Method", "GET"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET");

        HttpResponse<String> write = send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/articles"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://reader.example").header("Access-Control-Request-Method", "DELETE"));
        assertThat(write.statusCode()).isEqualTo(403);
    }

    @Test
    void openApiDescriptionListsEveryEndpoint() {
        HttpResponse<String> response = http.get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = Http.parse(response.body());
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.path("info").path("title").asString()).isEqualTo("Minbar content API");
        assertThat(api.path("paths").propertyNames()).contains("/api/v1/articles", "/api/v1/articles/{id}",
                "/api/v1/articles/{id}/related", "/api/v1/sections", "/api/v1/sections/{slug}", "/api/v1/tags",
                "/api/v1/tags/{slug}", "/api/v1/contributors", "/api/v1/contributors/{id}",
                "/api/v1/contributors/{id}/articles", "/api/v1/search", "/api/v1/popular")
                .allSatisfy(p -> assertThat(p).startsWith("/api/v1/"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
