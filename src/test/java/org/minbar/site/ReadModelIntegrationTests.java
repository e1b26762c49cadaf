package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ReadAlso;
import org.minbar.media.MediaService;
import org.minbar.support.StatementCounter;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reader pages render from the read models (articles, summaries, lists, sections, tags and media kept
 * in memory, bodies parsed once): no SQL once a page has been seen, and every change shows at once.
 * Requests carry a session cookie, which the page cache never answers, so each one is rendered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({StatementCounter.class, ReadModelIntegrationTests.OtherThreads.class})
class ReadModelIntegrationTests {

    /**
     * Readers on other threads around a commit: one reads the article just before the change commits
     * (and may keep the old row), one as the listeners after the commit run (as an asynchronous
     * listener, the search index, would).
     */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class OtherThreads {
        static final List<String> afterCommit = new java.util.concurrent.CopyOnWriteArrayList<>();
        static final List<String> beforeCommit = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.annotation.Bean
        Readers readers(PublishedArticles articles) {
            return new Readers(articles);
        }
    }

    static class Readers {
        private final PublishedArticles articles;

        Readers(PublishedArticles articles) {
            this.articles = articles;
        }

        private String titleOnAnotherThread(long id) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> articles.findPublished(id).map(Article::title).orElse("-"))
                    .join();
        }

        @org.springframework.transaction.event.TransactionalEventListener(
                phase = org.springframework.transaction.event.TransactionPhase.BEFORE_COMMIT)
        void beforeCommit(org.minbar.article.ArticleChanged changed) {
            OtherThreads.beforeCommit.add(titleOnAnotherThread(changed.articleId()));
        }

        @org.springframework.transaction.event.TransactionalEventListener
        void afterCommit(org.minbar.article.ArticleChanged changed) {
            OtherThreads.afterCommit.add(titleOnAnotherThread(changed.articleId()));
        }
    }

    @Test
    void aListenerAfterTheCommitReadsTheChangeEvenIfAReaderKeptTheRowJustBefore() {
        long id = publish("عنوان قبل الالتزام", "<p>نص.</p>", null, List.of());
        assertThat(articles.findPublished(id).orElseThrow().title()).isEqualTo("عنوان قبل الالتزام");
        OtherThreads.afterCommit.clear();
        OtherThreads.beforeCommit.clear();
        save(id, "عنوان بعد الالتزام", "<p>نص.</p>");
        assertThat(OtherThreads.beforeCommit).as("read the row as committed, just before").containsExactly("عنوان قبل الالتزام");
        assertThat(OtherThreads.afterCommit).containsExactly("عنوان بعد الالتزام");
        assertThat(articles.findPublished(id).orElseThrow().title()).isEqualTo("عنوان بعد الالتزام");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    PublishedArticles articles;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    MediaService media;

    @Autowired
    BodyRenderer bodies;

    @Autowired
    org.minbar.search.SearchService search;

    @Autowired
    org.springframework.modulith.events.core.EventPublicationRegistry events;

    /** Related articles are ranked again when the index changes: the new articles are indexed first. */
    private void awaitTheIndex() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            long version = search.contentVersion();
            boolean settled = events.findIncompletePublications().isEmpty();
            Thread.sleep(200);
            return settled && version == search.contentVersion();
        });
    }

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> rendered(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", "JSESSIONID=read-model-test").header("User-Agent", "read-model-test").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long publish(String title, String body, Section section, List<Long> tags) {
        return imports.create(new ArticleDraft(title, body, null, ArticleStatus.PUBLISHED, null, section == null ? null : section.id(),
                tags, List.of(), null, null, null));
    }

    @Test
    void aPageSeenOnceRendersAgainWithoutSql() throws Exception {
        Section section = taxonomy.ensureSection("read-model", "قسم نموذج القراءة", SectionKind.NEWS);
        Tag tag = taxonomy.ensureTag("وسم نموذج القراءة");
        long other = publish("خبر يُقرأ معه", "<p>نص الخبر الآخر.</p>", section, List.of(tag.id()));
        long id = publish("خبر يُعرض من الذاكرة", "<p>الفقرة الأولى.</p>" + ReadAlso.linked(other, "عنوان قديم")
                + "<p>الفقرة الثانية.</p><p>الفقرة الثالثة.</p>", section, List.of(tag.id()));
        String path = editing.find(id).orElseThrow().path();
        List<String> pages = List.of(path, "/", section.path(), tag.path(), "/popular");
        awaitTheIndex();
        // The share card named by the page, drawn once.
        java.util.regex.Matcher card = java.util.regex.Pattern.compile("property=\"og:image\" content=\"http://[^/]+(/cards/[^\"]+)\"")
                .matcher(rendered(path).body());
        assertThat(card.find()).as("the article's share card").isTrue();
        assertThat(rendered(card.group(1)).statusCode()).isEqualTo(200);
        for (String page : pages) {
            assertThat(rendered(page).statusCode()).as(page).isEqualTo(200);
        }
        StatementCounter.reset();
        List<String> bodiesSeen = new ArrayList<>();
        for (String page : pages) {
            HttpResponse<String> again = rendered(page);
            assertThat(again.statusCode()).as(page).isEqualTo(200);
            assertThat(again.headers().firstValue("Surrogate-Key")).as("rendered, not from the page cache: " + page).isPresent();
            bodiesSeen.add(again.body());
        }
        assertThat(rendered(card.group(1)).statusCode()).as("the card, kept").isEqualTo(200);
        assertThat(StatementCounter.statements()).as("SQL of pages (and the share card) already seen").isEmpty();
        assertThat(bodiesSeen.get(0)).contains("خبر يُعرض من الذاكرة").contains("خبر يُقرأ معه").doesNotContain("عنوان قديم");
    }

    @Test
    void everyChangeShowsOnTheNextRendering() throws Exception {
        Section section = taxonomy.ensureSection("read-model-changes", "قسم التغييرات", SectionKind.NEWS);
        long promoted = publish("عنوان الخبر المروَّج الأول", "<p>نص.</p>", section, List.of());
        long id = publish("عنوان قبل التعديل في الذاكرة", "<p>فقرة.</p>" + ReadAlso.linked(promoted, "عنوان الخبر المروَّج الأول"),
                section, List.of());
        Article stored = editing.find(id).orElseThrow();
        assertThat(rendered(stored.path()).body()).contains("عنوان قبل التعديل في الذاكرة").contains("عنوان الخبر المروَّج الأول");
        assertThat(rendered(section.path()).body()).contains("عنوان قبل التعديل في الذاكرة");

        save(id, "عنوان بعد التعديل في الذاكرة", stored.bodyHtml() + "<p>فقرة أضيفت.</p>");
        save(promoted, "عنوان الخبر المروَّج بعد تغييره", "<p>نص.</p>");
        String page = rendered(stored.path()).body();
        assertThat(page).contains("عنوان بعد التعديل في الذاكرة").contains("فقرة أضيفت.").doesNotContain("عنوان قبل التعديل في الذاكرة");
        assertThat(page).as("a promo shows its article's current title").contains("عنوان الخبر المروَّج بعد تغييره");
        assertThat(rendered(section.path()).body()).contains("عنوان بعد التعديل في الذاكرة");

        Section added = taxonomy.ensureSection("read-model-added", "قسم أضيف للتو", SectionKind.NEWS);
        assertThat(rendered("/").body()).as("the navigation names a section added since").contains("قسم أضيف للتو");
        assertThat(rendered(added.path()).statusCode()).isEqualTo(200);

        workflow.unpublish(id);
        assertThat(rendered(stored.path()).statusCode()).isEqualTo(404);
        assertThat(rendered(section.path()).body()).doesNotContain("عنوان بعد التعديل في الذاكرة");
        assertThat(articles.findPublished(id)).isEmpty();
        workflow.publish(id);
        assertThat(rendered(stored.path()).statusCode()).isEqualTo(200);
    }

    private void save(long id, String title, String body) {
        Article stored = editing.find(id).orElseThrow();
        ArticleEdit edit = ArticleEdit.of(stored);
        editing.save(id, edit.withText(title, body), stored.version(), "editor");
    }

    /** Deep list pages are read by key: the "next" links name the last article shown. */
    @Test
    void theNextPageOfAListIsReadByKeyAndIsThePageItsNumberNames() throws Exception {
        Section section = taxonomy.ensureSection("read-model-deep", "قسم طويل", SectionKind.NEWS);
        java.time.OffsetDateTime start = java.time.OffsetDateTime.parse("2020-01-01T08:00:00Z");
        for (int i = 0; i < 45; i++) {
            imports.create(new ArticleDraft("خبر أرشيف رقم " + i, "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null, section.id(),
                    List.of(), List.of(), null, null, start.plusMinutes(i / 2))); // two by two at the same minute: ties by id
        }
        String next = nextLink(rendered(section.path()).body());
        assertThat(next).matches(java.util.regex.Pattern.quote(section.path()) + "\\?page=2&after=\\d+");
        for (int page = 2; page <= 3; page++) {
            StatementCounter.reset();
            String byKey = rendered(next).body();
            assertThat(StatementCounter.statements()).as("page " + page + " read by key")
                    .anyMatch(sql -> sql.contains("a.published_at < ")).noneMatch(sql -> sql.contains(" offset "));
            String byNumber = rendered(section.path() + "?page=" + page).body();
            assertThat(titles(byKey)).as("page " + page).hasSize(page == 2 ? 20 : 5).isEqualTo(titles(byNumber));
            assertThat(byKey).as("one address per page for search engines")
                    .contains("<link rel=\"canonical\" href=\"http://localhost:" + port + section.path() + "?page=" + page + "\"");
            next = page == 2 ? nextLink(byKey) : null;
        }
        assertThat(rendered(section.path() + "?page=2&after=x").statusCode()).isEqualTo(404);

        org.minbar.support.Http http = new org.minbar.support.Http(port);
        var first = http.json("/api/v1/articles?section=read-model-deep&size=20");
        String apiNext = first.get("links").get("next").asText();
        assertThat(apiNext).contains("after=");
        var second = http.json(apiNext.substring(apiNext.indexOf("/api/")));
        var numbered = http.json("/api/v1/articles?section=read-model-deep&size=20&page=2");
        assertThat(second.get("articles").findValues("id")).hasSize(20).isEqualTo(numbered.get("articles").findValues("id"));
        assertThat(second.get("links").get("first").asText()).doesNotContain("after=");
    }

    private static String nextLink(String html) {
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("<a[^>]*rel=\"next\"[^>]*href=\"([^\"]+)\"|<a[^>]*href=\"([^\"]+)\"[^>]*rel=\"next\"")
                .matcher(html);
        assertThat(next.find()).as("a next link").isTrue();
        return (next.group(1) != null ? next.group(1) : next.group(2)).replace("&amp;", "&");
    }

    private static List<String> titles(String html) {
        return java.util.regex.Pattern.compile("خبر أرشيف رقم \\d+").matcher(html).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** The body parsed once and joined per view reads exactly as parsing it for each view did. */
    @Test
    void aPreparedBodyRendersAsParsingItEveryTimeDid() {
        long linked = publish("خبر تربطه الترويجات", "<p>نص.</p>", null, List.of());
        List<String> stored = new ArrayList<>(List.of(
                "",
                "نص بلا وسوم",
                "<p>فقرة</p>",
                "<p>أولى</p><p>ثانية</p><p>ثالثة</p><p>رابعة</p><p>خامسة</p><p>سادسة</p><p>سابعة</p>",
                "<p>قبل</p>" + ReadAlso.linked(linked, "عنوان مخزّن") + "<p>بعد</p>",
                "<blockquote><p>اقتباس</p>" + ReadAlso.unresolved("خبر لم يُعرف بعد & <غيره>") + "</blockquote><p>ختام</p>",
                "<p>صورة <img src=\"/media/a.jpg\"> وأخرى <img src=\"/b.jpg\" alt=\"وصف\"></p>",
                ReadAlso.linked(999_999_999L, "خبر حُذف") + "<h2>عنوان فرعي</h2><p>نص</p><ul><li>بند</li></ul>",
                "<p>نص فيه محرف خاص \uE000 0\uE001</p>" + ReadAlso.linked(linked, "ترويج"),
                "<p>أ</p>\n<p>ب</p>\n<p>ج</p>\n<p>د</p>\n"));
        articles.publishedIdsAfter(0, 400).forEach(a -> articles.findPublished(a).ifPresent(x -> stored.add(x.bodyHtml())));
        List<org.minbar.article.ArticleSummary> promos = articles.published(null, null, 3, 0);
        for (String body : stored) {
            for (int every : List.of(0, 1, 2, 3)) {
                List<org.minbar.article.ArticleSummary> auto = every == 0 ? List.of() : promos;
                assertThat(bodies.render(body, auto, every)).as(body + " every " + every)
                        .isEqualTo(bodies.renderParsing(body, auto, every));
            }
            assertThat(bodies.promoIds(body)).as(body).isEqualTo(BodyRenderer.parsedPromoIds(body));
        }
    }
}
