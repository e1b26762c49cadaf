package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dates readers and machines see as an article's change (JSON-LD {@code dateModified}, Atom
 * {@code updated}, sitemap {@code lastmod}) are its last editorial change, over real HTTP on the demo
 * content. Reproduced: the demo's import time was every article's modified date, a workflow move
 * (unpublish, republish, featuring, a new slug) made an old story look edited, the feed's own
 * {@code updated} was older than its entries, and the 339 demo entries shared a handful of
 * {@code updated} values (the W3C feed validator's "two entries with the same atom:updated").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HonestDatesIntegrationTests {

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

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void demoArticlesShowTheirSourceDatesNotTheImportTime() {
        Article seed = editing.find(articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow()).orElseThrow();
        assertThat(seed.publishedAt()).as("the seed's own date, long before this test's import")
                .isBefore(seed.createdAt().minusDays(30));
        Instant published = seconds(seed.publishedAt());
        assertThat(dateModified(seed)).isEqualTo(published);
        assertThat(lastmod(seed)).isEqualTo(published);
        Article corpus = editing.find(articles.published(null, null, 40, 0).get(35).id()).orElseThrow();
        assertThat(corpus.publishedAt()).isBefore(corpus.createdAt().minusDays(30));
        assertThat(dateModified(corpus)).isEqualTo(seconds(corpus.publishedAt()));
        assertThat(lastmod(corpus)).isEqualTo(seconds(corpus.publishedAt()));
        // The demo entries of the feed (other tests here add newer articles): as they were at their source.
        List<Element> demo = atomEntries().values().stream()
                .filter(e -> Instant.parse(e.selectFirst("> published").text()).isBefore(seed.createdAt().minusDays(30).toInstant()))
                .toList();
        assertThat(demo).isNotEmpty();
        for (Element entry : demo) {
            assertThat(entry.selectFirst("> updated").text()).as(entry.selectFirst("> id").text())
                    .isEqualTo(entry.selectFirst("> published").text());
        }
    }

    /**
     * Unpublishing and republishing, featuring and a new slug change how the newsroom handles the
     * article, not what readers read: its modified date stays. An edit of the body is a change.
     */
    @Test
    void workflowMovesKeepTheModifiedDateAndAnEditOfTheBodyMovesIt() throws Exception {
        OffsetDateTime publishedAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.SECONDS);
        long id = imports.create(new ArticleDraft("خبر تتغير حالته ولا يتغير نصه", "<p>النص الأول للخبر.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, publishedAt));
        Article article = editing.find(id).orElseThrow();
        assertThat(dateModified(article)).isEqualTo(publishedAt.toInstant());

        workflow.unpublish(id);
        workflow.publish(id);
        workflow.feature(id, true);
        workflow.feature(id, false);
        editing.changeSlug(id, "عنوان-آخر-للخبر");
        editing.setAutoReadAlso(id, false);
        article = editing.find(id).orElseThrow();
        assertThat(article.updatedAt()).as("the newsroom saw it move").isAfter(publishedAt.plusHours(2));
        assertThat(dateModified(article)).as("readers read the same text").isEqualTo(publishedAt.toInstant());
        assertThat(atomUpdated(id)).isEqualTo(publishedAt.toInstant());
        assertThat(lastmod(article)).isEqualTo(publishedAt.toInstant());

        // A save that changes nothing readers see (the same content, an SEO title) is no change either.
        ArticleEdit same = ArticleEdit.of(article);
        int version = editing.save(id, same, article.version(), "editor1");
        ArticleEdit seo = new ArticleEdit(same.title(), same.bodyHtml(), same.excerpt(), same.sourceLabel(), same.sectionId(),
                same.tagIds(), same.contributors(), same.leadImageUrl(), same.leadImageAlt(), same.leadMediaId(),
                "عنوان لمحركات البحث", same.seoDescription(), same.autoReadAlso());
        version = editing.save(id, seo, version, "editor1");
        assertThat(dateModified(editing.find(id).orElseThrow())).isEqualTo(publishedAt.toInstant());

        Instant beforeEdit = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        editing.save(id, withBody(editing.find(id).orElseThrow(), "<p>النص بعد التصحيح.</p>"), version, "editor1");
        article = editing.find(id).orElseThrow();
        Instant edited = dateModified(article);
        assertThat(edited).isAfterOrEqualTo(beforeEdit).isBefore(Instant.now().plusSeconds(5));
        assertThat(seconds(article.readerModifiedAt())).isEqualTo(edited);
        assertThat(atomUpdated(id)).isEqualTo(edited);
        assertThat(lastmod(article)).isEqualTo(edited);
        assertThat(Instant.parse(atomFeed().selectFirst("feed > updated").text())).as("the feed's updated is its newest entry's")
                .isEqualTo(atomEntries().values().stream().map(e -> Instant.parse(e.selectFirst("> updated").text()))
                        .max(Instant::compareTo).orElseThrow())
                .isAfterOrEqualTo(edited);
    }

    /** Edits in quick succession, of one article and of two: each its own atom:updated, and the feed's is the newest. */
    @Test
    void distinctEditsNeverShareAnAtomUpdated() throws Exception {
        OffsetDateTime publishedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        long first = imports.create(new ArticleDraft("الخبر الأول المعدّل مرتين", "<p>نص أول.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(), null, null, publishedAt));
        long second = imports.create(new ArticleDraft("الخبر الثاني المعدّل", "<p>نص ثان.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(), null, null, publishedAt.plusMinutes(1)));
        int v = editing.save(first, withBody(editing.find(first).orElseThrow(), "<p>تعديل أول.</p>"),
                editing.find(first).orElseThrow().version(), "editor1");
        Instant firstEdit = atomUpdated(first);
        editing.save(first, withBody(editing.find(first).orElseThrow(), "<p>تعديل ثان.</p>"), v, "editor1");
        editing.save(second, withBody(editing.find(second).orElseThrow(), "<p>تعديل الخبر الثاني.</p>"),
                editing.find(second).orElseThrow().version(), "editor1");
        Instant secondEdit = atomUpdated(first);
        Instant otherEdit = atomUpdated(second);
        assertThat(secondEdit).isAfter(firstEdit);
        assertThat(otherEdit).isNotEqualTo(secondEdit);

        Document feed = atomFeed();
        List<String> updated = feed.select("entry > updated").eachText();
        assertThat(updated).as("the W3C validator's DuplicateUpdated").doesNotHaveDuplicates();
        assertThat(Instant.parse(feed.selectFirst("feed > updated").text()))
                .isEqualTo(updated.stream().map(Instant::parse).max(Instant::compareTo).orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    private static ArticleEdit withBody(Article a, String body) {
        ArticleEdit e = ArticleEdit.of(a);
        return new ArticleEdit(e.title(), body, null, e.sourceLabel(), e.sectionId(), e.tagIds(), e.contributors(),
                e.leadImageUrl(), e.leadImageAlt(), e.leadMediaId(), e.seoTitle(), e.seoDescription(), e.autoReadAlso());
    }

    private static Instant seconds(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Instant dateModified(Article a) {
        Document page = Jsoup.parse(http.get(a.path()).body());
        for (Element script : page.select("script[type=application/ld+json]")) {
            JsonNode node = Http.parse(script.data());
            if (node.path("@type").asString().equals("NewsArticle")) {
                return OffsetDateTime.parse(node.path("dateModified").asString()).toInstant().truncatedTo(ChronoUnit.SECONDS);
            }
        }
        throw new AssertionError("no NewsArticle on " + a.path());
    }

    private Instant lastmod(Article a) {
        String sitemap = "/sitemap-articles-" + ((a.id() - 1) / 50_000 + 1) + ".xml";
        Document xml = Jsoup.parse(http.get(sitemap).body(), "", Parser.xmlParser());
        Element url = xml.select("url").stream().filter(u -> u.selectFirst("loc").text().equals(http.base() + a.path()))
                .findFirst().orElseThrow(() -> new AssertionError(a.path() + " is not in " + sitemap));
        return OffsetDateTime.parse(url.selectFirst("lastmod").text()).toInstant();
    }

    private Document atomFeed() {
        return Jsoup.parse(http.get("/feed/atom").body(), "", Parser.xmlParser());
    }

    private Map<String, Element> atomEntries() {
        return atomFeed().select("entry").stream()
                .collect(Collectors.toMap(e -> e.selectFirst("> id").text(), Function.identity()));
    }

    private Instant atomUpdated(long id) {
        Element entry = atomEntries().get(http.base() + "/news/" + id);
        assertThat(entry).as("article %s in the Atom feed", id).isNotNull();
        return Instant.parse(entry.selectFirst("> updated").text());
    }
}
