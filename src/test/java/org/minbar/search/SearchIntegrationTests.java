package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Search over real HTTP on the demo content: API, page, bad input, and the index following events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchIntegrationTests {

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
    ArticleWorkflow workflow;

    @Autowired
    ArticleImport imports;

    @Autowired
    EventPublicationRegistry events;

    Http http;
    long seedId;

    @BeforeEach
    void waitForTheIndex() {
        http = new Http(port);
        seedId = articles.publishedIdWithTitle(SearchFixtures.SEED_TITLE).orElseThrow();
        long published = articles.countPublished(null, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.json("/api/v1/search?from=1900-01-01").get("total").asLong() == published
                && events.findIncompletePublications().isEmpty());
    }

    /** How soon a published, changed or unpublished article is searchable or gone (on Lucene: at once, after the event). */
    Duration visibleWithin() {
        return Duration.ofSeconds(1);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private List<Long> ids(String query) {
        JsonNode results = http.json("/api/v1/search?q=" + q(query)).get("results");
        return results.findValues("id").stream().map(JsonNode::asLong).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"اوكرانيا", "روســيا", "وبوتين", "تطبيع", "\"تطابق المصالح\""})
    void findsTheSeedArticleInTheFirstResultsWhateverTheSpelling(String query) {
        assertThat(ids(query).stream().limit(5)).as(query).contains(seedId);
    }

    /** Words that hundreds of demo articles use too: the seed is on the first page of its own section. */
    @ParameterizedTest
    @ValueSource(strings = {"الدولي", "المعضلة", "الرئيس"})
    void findsTheSeedArticleByCommonWordsWithinItsSection(String query) {
        JsonNode results = http.json("/api/v1/search?section=reports&q=" + q(query)).get("results");
        assertThat(results.findValues("id").stream().map(JsonNode::asLong)).as(query).contains(seedId);
    }

    @Test
    void apiReturnsTotalResultsWithSnippetsAndFilters() {
        JsonNode response = http.json("/api/v1/search?q=" + q("بوتين") + "&section=reports&sort=newest");
        assertThat(response.get("total").asLong()).isEqualTo(1);
        JsonNode first = response.get("results").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(seedId);
        assertThat(first.get("title").asString()).isEqualTo(SearchFixtures.SEED_TITLE);
        assertThat(first.get("url").asString()).startsWith(http.base() + "/news/" + seedId + "/");
        assertThat(first.get("snippet").asString()).contains("<mark>");
        assertThat(first.get("section").asString()).isEqualTo("reports");
        assertThat(first.get("published").asString()).startsWith("2021-12-07");
        assertThat(http.json("/api/v1/search?q=" + q("بوتين") + "&section=sport").get("total").asLong()).isZero();
        assertThat(http.json("/api/v1/search?q=" + q("بوتين") + "&from=2022-01-01").get("total").asLong()).isZero();
        assertThat(http.json("/api/v1/search?q=" + q("بوتين") + "&from=2021-12-07&to=2021-12-07").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void apiSuggestsTitlesAsTheReaderTypes() {
        JsonNode suggestions = http.json("/api/v1/search/suggest?q=" + q("بايدن وبو"));
        assertThat(suggestions.findValuesAsString("title")).contains(SearchFixtures.SEED_TITLE);
        assertThat(http.json("/api/v1/search/suggest?q=")).isEmpty();
    }

    @Test
    void apiOffersACorrectionWhenNothingMatches() {
        JsonNode response = http.json("/api/v1/search?q=" + q("اوكرنيا"));
        assertThat(response.get("total").asLong()).isZero();
        assertThat(response.get("didYouMean").asString()).isEqualTo("اوكرانيا");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=abc", "page=0", "page=1000", "sort=popular", "from=yesterday", "to=2021-13-45",
        "from=2022-01-01&to=2021-01-01", "section=no-such-section", "tag=no-such-tag"})
    void apiAnswersBadParametersWithAJson400(String parameters) {
        HttpResponse<String> response = http.get("/api/v1/search?q=" + q("بوتين") + "&" + parameters);
        assertThat(response.statusCode()).as(parameters).isEqualTo(400);
        assertThat(Http.parse(response.body()).get("detail").asString()).isNotBlank();
    }

    @Test
    void apiRejectsOverlongQueriesWithAJson400() {
        HttpResponse<String> response = http.get("/api/v1/search?q=" + q("ب".repeat(257)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.parse(response.body()).get("detail").asString()).contains("256");
        assertThat(http.get("/api/v1/search?q=" + q("ب".repeat(256))).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/search/suggest?q=" + q("ب".repeat(300))).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"تطابق المصالح", "*:*", "title:(بوتين OR x)~2^3", "\\\\", "\u0001\u0002بوتين\u0007",
        "+-&&||!(){}[]^~*?:/", "", "   ", "في", "%00", "<script>alert(1)</script>", "\u202Eبوتين"})
    void neverAnswers500WhateverTheQuery(String query) {
        HttpResponse<String> api = http.get("/api/v1/search?q=" + q(query) + "&unknown=filter");
        assertThat(api.statusCode()).as(query).isEqualTo(200);
        HttpResponse<String> page = http.get("/search?q=" + q(query) + "&unknown=filter");
        assertThat(page.statusCode()).as(query).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(http.get("/api/v1/search/suggest?q=" + q(query)).statusCode()).isEqualTo(200);
    }

    @Test
    void searchPageWorksWithoutJavaScript() {
        HttpResponse<String> response = http.get("/search?q=" + q("روســيا") + "&section=reports");
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.select(".search-results .teaser h2 a")).extracting(Element::text).containsExactly(SearchFixtures.SEED_TITLE);
        assertThat(page.selectFirst(".snippet mark")).isNotNull();
        assertThat(page.selectFirst("[role=status]").text()).contains("نتيجة واحدة");
        assertThat(page.selectFirst("select[name=section] option[selected]").attr("value")).isEqualTo("reports");
        assertThat(page.select("form[role=search][action=/search][method=get]")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void searchPageOffersTheCorrectionAndPages() {
        Document corrected = Jsoup.parse(http.get("/search?q=" + q("اوكرنيا")).body());
        assertThat(corrected.selectFirst(".did-you-mean a").text()).isEqualTo("اوكرانيا");
        assertThat(http.get(corrected.selectFirst(".did-you-mean a").attr("href")).statusCode()).isEqualTo(200);
        Document many = Jsoup.parse(http.get("/search?section=sport&sort=newest").body());
        assertThat(many.select(".search-results .teaser")).hasSize(10);
        assertThat(many.selectFirst("a[rel=next]").attr("href")).contains("page=2").contains("section=sport");
    }

    @Test
    void searchPageExplainsBadInputInArabicWithA400() {
        HttpResponse<String> tooLong = http.get("/search?q=" + q("ب".repeat(300)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).selectFirst("[role=status]").text()).contains("عبارة البحث طويلة جداً");
        HttpResponse<String> badSection = http.get("/search?q=" + q("بوتين") + "&section=nope");
        assertThat(badSection.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(badSection.body()).text()).contains("هذا القسم غير موجود");
        HttpResponse<String> badDate = http.get("/search?q=" + q("بوتين") + "&from=2021-02-30");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(badDate.body()).text()).contains("التاريخ غير صالح");
    }

    @Test
    void publishedArticleIsSearchableSoonAndDisappearsWhenUnpublished() {
        String word = "زنجبيلستان";
        long id = imports.create(new ArticleDraft("خبر عن " + word, "<p>وصل وفد من " + word + " أمس.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, OffsetDateTime.now()));
        await().atMost(visibleWithin()).pollInterval(Duration.ofMillis(50)).until(() -> ids(word).contains(id));
        workflow.unpublish(id);
        await().atMost(visibleWithin()).pollInterval(Duration.ofMillis(50)).until(() -> ids(word).isEmpty());
    }

    @Test
    void changedSlugIsFollowedByTheIndex() {
        long id = articles.published(null, null, 1, 7).get(0).id();
        editing.changeSlug(id, "عنوان مختلف تماما " + id);
        await().atMost(visibleWithin()).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode results = http.json("/api/v1/search?q=" + q(editing.find(id).orElseThrow().title())).get("results");
            return results.findValuesAsString("url").stream().anyMatch(u -> u.endsWith(editing.find(id).orElseThrow().path()));
        });
    }
}
