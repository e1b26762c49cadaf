package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minbar.newsletter.NewsletterService;
import org.minbar.recommend.RecommendService;
import org.minbar.system.Settings;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the database must do for articles, sections, tags, views, subscribers and settings. Runs
 * once on H2 and once on real PostgreSQL (see the two subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "minbar.demo.load-on-first-start=false")
abstract class ArticleStoreContract {

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleImport imports;

    @Autowired
    Contributors contributors;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    RecommendService recommend;

    @Autowired
    NewsletterService newsletter;

    @Autowired
    Settings settings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long publish(String title, Section section, List<Tag> tags, OffsetDateTime when) {
        return imports.create(new ArticleDraft(title, "<p>نص المقال " + title + ".</p>", null, ArticleStatus.PUBLISHED,
                null, section == null ? null : section.id(), tags.stream().map(Tag::id).toList(), List.of(), null, null, when));
    }

    @Test
    void storesAndReadsAnArticleWithContributorsRolesTagsAndSection() {
        Section reports = taxonomy.ensureSection("reports-" + System.nanoTime(), "تقارير وتحقيقات", SectionKind.NEWS);
        Tag putin = taxonomy.ensureTag("بوتين");
        Tag biden = taxonomy.ensureTag("بايدن");
        long id = imports.create(new ArticleDraft("بايدن وبوتين.. والتطبيع", "<p>فقرة أولى طويلة.</p><h2>عنوان فرعي</h2>",
                null, ArticleStatus.PUBLISHED, "ليفانت-خاص", reports.id(), List.of(biden.id(), putin.id()),
                List.of(new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)),
                        new Contributor("سارة", List.of(ContributorRole.PHOTOGRAPHED))),
                "https://example.org/a.jpg", "صورة", OffsetDateTime.parse("2021-12-07T19:30:00+02:00")));

        Article stored = editing.find(id).orElseThrow();
        assertThat(stored.title()).isEqualTo("بايدن وبوتين.. والتطبيع");
        assertThat(stored.slug()).isEqualTo("بايدن-وبوتين-والتطبيع");
        assertThat(stored.excerpt()).isEqualTo("فقرة أولى طويلة.");
        assertThat(stored.sourceLabel()).isEqualTo("ليفانت-خاص");
        assertThat(stored.sectionId()).isEqualTo(reports.id());
        assertThat(stored.tagIds()).containsExactly(biden.id(), putin.id());
        assertThat(stored.contributors()).containsExactly(
                new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)),
                new Contributor("سارة", List.of(ContributorRole.PHOTOGRAPHED)));
        assertThat(stored.publishedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2021-12-07T17:30:00Z").toInstant());
        assertThat(stored.path()).startsWith("/news/" + id + "/");
    }

    @Test
    void sanitizesBodiesToTheSafeSubset() {
        long id = imports.create(new ArticleDraft("مقال بمحتوى خطر", """
                <p onclick="x()">نص <script>alert(1)</script><a href="javascript:alert(1)">رابط</a></p>
                <iframe src="https://evil.example"></iframe><aside class="read-also" data-article-id="5">خبر</aside>
                <aside data-title="">فارغ</aside>""", null, ArticleStatus.DRAFT, null, null, null, null, null, null, null));
        String body = editing.find(id).orElseThrow().bodyHtml();
        assertThat(body).doesNotContain("script", "onclick", "javascript:", "iframe")
                .contains("<aside class=\"read-also\" data-article-id=\"5\">خبر</aside>")
                .doesNotContain("<aside data-title");
    }

    @Test
    void listsOnlyPublishedArticlesNewestFirstWithSectionAndTagFilters() {
        Section sport = taxonomy.ensureSection("sport-" + System.nanoTime(), "رياضة " + System.nanoTime(), SectionKind.NEWS);
        Tag derby = taxonomy.ensureTag("دربي " + System.nanoTime());
        long older = publish("مباراة قديمة", sport, List.of(derby), OffsetDateTime.parse("2020-01-01T10:00:00Z"));
        long newer = publish("مباراة جديدة", sport, List.of(), OffsetDateTime.parse("2020-02-01T10:00:00Z"));
        long draft = imports.create(new ArticleDraft("مسودة", "<p>نص.</p>", null, ArticleStatus.DRAFT, null, sport.id(),
                List.of(derby.id()), List.of(), null, null, null));

        assertThat(articles.published(sport.id(), null, 10, 0)).extracting(ArticleSummary::id).containsExactly(newer, older);
        assertThat(articles.countPublished(sport.id(), null)).isEqualTo(2);
        assertThat(articles.published(null, derby.id(), 10, 0)).extracting(ArticleSummary::id).containsExactly(older);
        assertThat(articles.published(sport.id(), null, 1, 1)).extracting(ArticleSummary::id).containsExactly(older);
        assertThat(articles.findPublished(draft)).isEmpty();
        assertThat(articles.summaries(List.of(older, draft, newer))).extracting(ArticleSummary::id).containsExactly(older, newer);
    }

    @Test
    void keepsOldSlugsSoThatTheyStillResolve() {
        long id = publish("العنوان الأول", null, List.of(), null);
        editing.changeSlug(id, "العنوان الثاني");
        editing.changeSlug(id, "العنوان الثالث");
        assertThat(editing.find(id).orElseThrow().slug()).isEqualTo("العنوان-الثالث");
        assertThat(articles.publishedIdForSlug("العنوان-الأول")).hasValue(id);
        assertThat(articles.publishedIdForSlug("العنوان-الثاني")).hasValue(id);
        assertThat(articles.publishedIdForSlug("العنوان-الثالث")).hasValue(id);
        editing.changeSlug(id, "العنوان الأول");
        assertThat(articles.publishedIdForSlug("العنوان-الثالث")).hasValue(id);
        assertThat(editing.find(id).orElseThrow().path()).endsWith("/" + java.net.URLEncoder.encode("العنوان-الأول",
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void findsRelatedArticlesBySharedTagsBeforeSectionNeverItself() {
        Section world = taxonomy.ensureSection("world-" + System.nanoTime(), "عالم " + System.nanoTime(), SectionKind.NEWS);
        Tag russia = taxonomy.ensureTag("روسيا " + System.nanoTime());
        long source = publish("المصدر", world, List.of(russia), null);
        long sameTag = publish("نفس الوسم", null, List.of(russia), OffsetDateTime.parse("2000-01-01T00:00:00Z"));
        long sameSection = publish("نفس القسم", world, List.of(), null);
        publish("لا علاقة", null, List.of(), null);
        List<ArticleSummary> related = recommend.related(editing.find(source).orElseThrow(), 10);
        assertThat(related).extracting(ArticleSummary::id).containsExactly(sameTag, sameSection);
    }

    @Test
    void countsViewsInMemoryAndRanksPopularAfterAFlush() {
        long quiet = publish("خبر هادئ", null, List.of(), null);
        long busy = publish("خبر شائع", null, List.of(), OffsetDateTime.parse("2001-01-01T00:00:00Z"));
        for (int i = 0; i < 50; i++) {
            assertThat(recommend.recordView(busy, "Mozilla/5.0 (Android) Chrome/120", "10.0.0." + i)).isTrue();
        }
        assertThat(recommend.recordView(quiet, "Mozilla/5.0 (iPhone) Safari", "10.0.1.1")).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(recommend.recordView(quiet, "Mozilla/5.0 (iPhone) Safari", "10.0.1.1")).as("a reload").isFalse();
        }
        for (int i = 0; i < 500; i++) {
            assertThat(recommend.recordView(quiet, "Googlebot/2.1 (+http://www.google.com/bot.html)", "10.0.2." + i)).isFalse();
        }
        recommend.flushViews();
        List<ArticleSummary> popular = recommend.popular(org.minbar.recommend.PopularWindow.DAY, 2, Set.of());
        assertThat(popular).extracting(ArticleSummary::id).containsExactly(busy, quiet);
        assertThat(jdbc.sql("select sum(views) from article_view where article_id = ?").param(quiet).query(Long.class).single())
                .isEqualTo(1);
        assertThat(recommend.popular(2, Set.of(busy))).extracting(ArticleSummary::id).first().isEqualTo(quiet);
    }

    @Test
    void createsSectionsAndTagsOnceWithUniqueSlugs() {
        Section first = taxonomy.ensureSection("قسم مكرر");
        Section again = taxonomy.ensureSection("قسم مكرر");
        assertThat(again).isEqualTo(first);
        assertThat(first.slug()).isEqualTo("قسم-مكرر");
        Tag tag = taxonomy.ensureTag("وسم جديد");
        assertThat(taxonomy.ensureTag(" وسم جديد ")).isEqualTo(tag);
        assertThat(taxonomy.tagBySlug("وسم-جديد")).hasValue(tag);
        assertThatThrownBy(() -> taxonomy.ensureTag(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesNewsletterSignUpsOnceAsPending() {
        assertThat(newsletter.signUp("Someone@Example.com")).isEqualTo(NewsletterService.SignUp.PENDING);
        assertThat(newsletter.signUp("someone@example.com")).isEqualTo(NewsletterService.SignUp.PENDING);
        assertThat(newsletter.status("SOMEONE@example.com")).hasValue("PENDING");
        assertThat(newsletter.signUp("no-at-sign")).isEqualTo(NewsletterService.SignUp.INVALID_ADDRESS);
        assertThat(newsletter.signUp("a@b")).isEqualTo(NewsletterService.SignUp.INVALID_ADDRESS);
        assertThat(newsletter.signUp(("x".repeat(250)) + "@example.com")).isEqualTo(NewsletterService.SignUp.INVALID_ADDRESS);
    }

    @Test
    void keepsSettings() {
        assertThat(settings.get("contract.setting")).isEmpty();
        settings.put("contract.setting", "أ");
        settings.put("contract.setting", "ب");
        assertThat(settings.get("contract.setting")).hasValue("ب");
    }

    @Test
    void distributionQueriesSeePublishedArticlesOnlyWithTheirChangeTimes() {
        String unique = Long.toString(System.nanoTime());
        Section section = taxonomy.ensureSection("dist-" + unique, "قسم التوزيع " + unique, SectionKind.NEWS);
        Tag tag = taxonomy.ensureTag("وسم التوزيع " + unique);
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Contributor writer = new Contributor("كاتب التوزيع " + unique, List.of(ContributorRole.WRITTEN));
        long recent = imports.create(new ArticleDraft("حديث " + unique, "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null,
                section.id(), List.of(tag.id()), List.of(writer), null, null, now.minusHours(2)));
        long old = imports.create(new ArticleDraft("قديم " + unique, "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null,
                section.id(), List.of(tag.id()), List.of(writer), null, null, now.minusHours(50)));
        long draft = imports.create(new ArticleDraft("مسودة " + unique, "<p>نص.</p>", null, ArticleStatus.DRAFT, null,
                section.id(), List.of(tag.id()), List.of(writer), null, null, null));

        List<ArticleStamp> since = articles.publishedSince(now.minusHours(48), 1000);
        assertThat(since).extracting(ArticleStamp::id).contains(recent).doesNotContain(old, draft);
        ArticleStamp stamp = since.stream().filter(x -> x.id() == recent).findFirst().orElseThrow();
        assertThat(stamp.path()).isEqualTo(editing.find(recent).orElseThrow().path());
        assertThat(stamp.publishedAt().toInstant()).isEqualTo(now.minusHours(2).toInstant());

        long total = articles.countPublished(null, null);
        List<PublishedIdRange> ranges = articles.publishedIdRanges(2);
        List<ArticleStamp> all = new java.util.ArrayList<>();
        for (PublishedIdRange range : ranges) {
            List<ArticleStamp> stamps = articles.publishedStampsBetween(range.firstId(2), range.lastId(2));
            assertThat(stamps).hasSize((int) range.articles()).isNotEmpty()
                    .allSatisfy(x -> assertThat(PublishedIdRange.of(x.id(), 2)).isEqualTo(range.number()));
            assertThat(range.newestChange().toInstant()).as("the later of publish and edit, newest of the range").isEqualTo(
                    stamps.stream().map(ArticleStamp::readerModifiedAt)
                            .max(OffsetDateTime::compareTo).orElseThrow().toInstant());
            PublishedIdRange again = articles.publishedIdRange(range.number(), 2);
            assertThat(again.articles()).as("one range counted again").isEqualTo(range.articles());
            assertThat(again.newestChange().toInstant()).isEqualTo(range.newestChange().toInstant());
            all.addAll(stamps);
        }
        assertThat(all).hasSize((int) total).extracting(ArticleStamp::id).contains(recent, old).doesNotContain(draft)
                .isSorted().doesNotHaveDuplicates();
        assertThat(articles.publishedStampsBetween(draft, draft)).as("a draft is in no sitemap").isEmpty();
        assertThat(articles.publishedIdRange(PublishedIdRange.of(draft, 1), 1).articles()).isZero();

        OffsetDateTime sectionChanged = articles.lastChangeBySection().get(section.id());
        // Readers' change dates (the source's, for imports), not the import's: the recent article's publish.
        assertThat(sectionChanged.toInstant()).isEqualTo(now.minusHours(2).toInstant());
        assertThat(articles.lastChangeByTag().get(tag.id())).isEqualTo(sectionChanged);
        assertThat(articles.lastChange().orElseThrow()).isAfterOrEqualTo(editing.find(draft).orElseThrow().updatedAt());

        ContributorCount counted = contributors.contributors(1000, 0).stream().filter(c -> c.name().equals(writer.name()))
                .findFirst().orElseThrow();
        assertThat(counted.articles()).as("the draft does not count").isEqualTo(2);
        assertThat(contributors.contributor(counted.id())).contains(counted);
        assertThat(contributors.countContributors()).isGreaterThanOrEqualTo(1);
        assertThat(contributors.publishedByContributor(counted.id(), 10, 0)).extracting(ArticleSummary::id)
                .containsExactly(recent, old);
        assertThat(contributors.publishedByContributor(counted.id(), 10, 1)).extracting(ArticleSummary::id).containsExactly(old);
    }
}
