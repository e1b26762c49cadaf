package org.minbar.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleSummary;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Related articles, inline promos, popular posts and tag suggestions on the demo content, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecommendIntegrationTests {

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
    ArticleWorkflow workflow;

    @Autowired
    ArticleImport imports;

    @Autowired
    RecommendService recommend;

    @Autowired
    EventPublicationRegistry events;

    @Autowired
    JdbcClient jdbc;

    Http http;
    Article seed;

    @BeforeEach
    void waitForTheIndex() {
        http = new Http(port);
        seed = articles.findPublished(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
        long published = articles.countPublished(null, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.json("/api/v1/search?from=1900-01-01").get("total").asLong() == published
                && events.findIncompletePublications().isEmpty());
    }

    private List<Long> relatedIds(long id, int limit) {
        return http.json("/api/v1/articles/" + id + "/related?limit=" + limit).findValues("id").stream().map(JsonNode::asLong).toList();
    }

    @Test
    void relatedArticlesRespectTheLimitAndNeverIncludeTheArticleItself() {
        List<Long> related = relatedIds(seed.id(), 5);
        assertThat(related).hasSize(5).doesNotContain(seed.id()).doesNotHaveDuplicates();
        assertThat(relatedIds(seed.id(), 2)).hasSize(2).doesNotContain(seed.id()).isSubsetOf(relatedIds(seed.id(), 20));
        assertThat(http.get("/api/v1/articles/" + seed.id() + "/related?limit=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/articles/987654/related").statusCode()).isEqualTo(404);
    }

    @Test
    void relatedArticlesFollowPublishingAndUnpublishing() {
        long twin = imports.create(new ArticleDraft("قمة بايدن وبوتين والتطبيع بين واشنطن وموسكو",
                seed.bodyHtml(), null, ArticleStatus.PUBLISHED, null, seed.sectionId(), seed.tagIds(), List.of(), null, null,
                OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> relatedIds(seed.id(), 6).get(0) == twin);
        workflow.unpublish(twin);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> !relatedIds(seed.id(), 20).contains(twin));
    }

    @Test
    void articlesWithoutEditorPromosGetInlinePromosThatAreNotRepeatedBelow() {
        ArticleSummary plain = articles.published(null, null, 400, 0).stream()
                .filter(s -> !editing.find(s.id()).orElseThrow().bodyHtml().contains("read-also"))
                .filter(s -> Jsoup.parseBodyFragment(editing.find(s.id()).orElseThrow().bodyHtml()).select("body > p").size() >= 7)
                .findFirst().orElseThrow();
        Document page = Jsoup.parse(http.get(plain.path()).body());
        List<Element> promos = page.select(".article-body aside.read-also");
        assertThat(promos).hasSize(2);
        List<String> promoLinks = promos.stream().map(p -> p.selectFirst("a").attr("href")).toList();
        assertThat(promoLinks).allMatch(href -> href.startsWith("/news/")).doesNotContain(plain.path());
        assertThat(page.select("section.related a").eachAttr("href")).doesNotContainAnyElementsOf(promoLinks);
        // The promos stand after the third and the sixth paragraph.
        Element body = page.selectFirst(".article-body");
        assertThat(body.child(3).hasClass("read-also")).isTrue();
        assertThat(body.child(7).hasClass("read-also")).isTrue();

        editing.setAutoReadAlso(plain.id(), false);
        assertThat(Jsoup.parse(http.get(plain.path()).body()).select(".article-body aside.read-also")).isEmpty();
        editing.setAutoReadAlso(plain.id(), true);
    }

    @Test
    void theSeedKeepsItsOwnPromosOnly() {
        Document page = Jsoup.parse(http.get(seed.path()).body());
        assertThat(page.select(".article-body aside.read-also")).hasSize(5);
    }

    @Test
    void offersExistingTagsThatTheSeedMentions() {
        List<String> suggested = recommend.suggestTags(seed.title() + "\n" + Jsoup.parse(seed.bodyHtml()).text(), 10)
                .stream().map(Tag::name).toList();
        assertThat(suggested).contains("بوتين", "بايدن", "روسيا", "أوكرانيا", "سوريا", "الولايات المتحدة")
                .doesNotContain("كرة القدم", "تونس");
    }

    @Test
    void countsConcurrentViewsOfDifferentReadersButNotReloadsOrBots() throws Exception {
        long id = articles.published(null, null, 1, 20).get(0).id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            int reader = i;
            // A reader is an address (one view per address and article in a window, whatever its User-Agent).
            pool.submit(() -> recommend.recordView(id, "Mozilla/5.0 reader " + reader, "10.1." + reader / 200 + "." + reader % 200));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        recommend.recordView(id, "Mozilla/5.0 reader 1", "10.1.0.1");
        recommend.recordView(id, "Googlebot/2.1", "66.249.66.1");
        recommend.flushViews();
        assertThat(jdbc.sql("select sum(views) from article_view where article_id = ?").param(id).query(Long.class).single())
                .isEqualTo(400);
        assertThat(recommend.popular(PopularWindow.DAY, 1, Set.of()).get(0).id()).isEqualTo(id);
    }

    @Test
    void pageViewsAreCountedWithoutAWritePerViewAndLandWithinTheFlushInterval() {
        long id = articles.published(null, null, 1, 30).get(0).id();
        String path = editing.find(id).orElseThrow().path();
        for (int i = 0; i < 5; i++) {
            assertThat(http.get(path).statusCode()).isEqualTo(200); // one reader: counted once
        }
        await().atMost(Duration.ofMillis(ViewCounter.FLUSH_INTERVAL_MS + 3000)).until(() ->
                jdbc.sql("select coalesce(sum(views), 0) from article_view where article_id = ?").param(id).query(Long.class).single() == 1);
    }

    @Test
    void popularApiAndPageOfferTheDayAndTheWeek() {
        assertThat(http.json("/api/v1/popular?window=day&limit=5")).hasSize(5);
        assertThat(http.json("/api/v1/popular?window=week")).hasSize(10);
        assertThat(http.get("/api/v1/popular?window=year").statusCode()).isEqualTo(400);
        Document day = Jsoup.parse(http.get("/popular").body());
        assertThat(day.selectFirst("h1").text()).isEqualTo("الأكثر قراءة اليوم");
        assertThat(day.select(".teaser")).isNotEmpty();
        assertThat(day.selectFirst(".tabs a[aria-current=page]").text()).isEqualTo("اليوم");
        Document week = Jsoup.parse(http.get("/popular?window=week").body());
        assertThat(week.selectFirst("h1").text()).isEqualTo("الأكثر قراءة هذا الأسبوع");
        assertThat(Jsoup.parse(http.get(seed.path()).body()).selectFirst("section.popular a[href=/popular]")).isNotNull();
    }
}
