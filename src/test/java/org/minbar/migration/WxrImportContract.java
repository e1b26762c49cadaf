package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.newsroom.NewsroomAccounts;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Importing and exporting WordPress sites (WXR), on H2 and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "minbar.demo.load-on-first-start=false")
@org.springframework.context.annotation.Import(org.minbar.support.ConnectionGuard.class)
abstract class WxrImportContract {

    static final String SITE = "https://old.example.com";

    @Autowired
    WxrImporter importer;

    @Autowired
    WxrExporter exporter;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleImport imports;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    WordpressLinks links;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    @BeforeEach
    void emptyDatabase() {
        jdbc.sql("update section set parent_id = null").update();
        for (String table : List.of("wordpress_post", "wordpress_path", "wordpress_media", "wordpress_term", "article_view", "article_contributor",
                "article_tag", "article_slug_history", "article", "contributor", "tag", "section", "media_item")) {
            jdbc.sql("delete from " + table).update();
        }
        jdbc.sql("delete from newsroom_user where username in ('ahmad', 'sara') or username like 'author-%'").update();
    }

    WxrReport importFile(Path file, boolean dryRun) throws Exception {
        WxrReport report = new WxrReport();
        importer.run(file, new WxrImporter.Options(WxrReaderTests.fixture("uploads"), dryRun), report, () -> { });
        return report;
    }

    Article post(long postId) {
        long id = links.post(SITE, postId).orElseThrow(() -> new AssertionError("post " + postId + " not imported")).articleId();
        return editing.find(id).orElseThrow();
    }

    long rows() {
        return jdbc.sql("""
                select (select count(*) from article) + (select count(*) from section) + (select count(*) from tag)
                     + (select count(*) from contributor) + (select count(*) from media_item)
                     + (select count(*) from wordpress_post) + (select count(*) from wordpress_path)
                     + (select count(*) from wordpress_media)""").query(Long.class).single();
    }

    @Test
    void postsKeepTheirStatusDatesSectionsTagsAndAuthors() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("site.xml"), false);

        assertThat(report.created()).isEqualTo(6);
        assertThat(report.failed()).as(String.join("\n", report.summary(false))).isZero();
        assertThat(report.skipped()).isEqualTo(1); // the page
        assertThat(report.attachments()).isEqualTo(3);
        assertThat(report.comments()).isEqualTo(3);
        assertThat(report.sticky()).isEqualTo(1);
        assertThat(links.post(SITE, 100).orElseThrow().sticky()).isTrue();
        assertThat(post(100).featured()).as("the sticky post is featured").isTrue();
        assertThat(post(101).featured()).isFalse();
        assertThat(articles.featured(5)).extracting(s -> s.id()).containsExactly(post(100).id());

        Article gutenberg = post(100);
        assertThat(gutenberg.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(gutenberg.publishedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2021-12-07T16:30:00Z").toInstant());
        assertThat(gutenberg.slug()).isEqualTo("اجتماع-في-دمشق");
        assertThat(gutenberg.excerpt()).isEqualTo("مسؤولون يبحثون ترميم المدينة القديمة.");
        assertThat(gutenberg.contributors()).containsExactly(new Contributor("أحمد قطمة", List.of(ContributorRole.WRITTEN)));
        Section section = taxonomy.section(gutenberg.sectionId()).orElseThrow();
        assertThat(section.name()).isEqualTo("سياسة سورية");
        Section parent = taxonomy.section(section.parentId()).orElseThrow();
        assertThat(parent.name()).isEqualTo("سياسة");
        assertThat(taxonomy.section(parent.parentId()).orElseThrow().name()).isEqualTo("أخبار");
        assertThat(taxonomy.tags(gutenberg.tagIds())).extracting(t -> t.name()).containsExactly("دمشق");

        // No GMT date: the local date is in the site's time zone, by default Damascus (UTC+3 since 2022, +2 in 2021).
        Article classic = post(101);
        assertThat(classic.publishedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2021-12-08T10:00:00+02:00").toInstant());
        assertThat(classic.contributors()).extracting(Contributor::name).containsExactly("سارة الحلبي");

        assertThat(post(102).status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(post(103).status()).isEqualTo(ArticleStatus.SUBMITTED);
        assertThat(post(104).status()).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(post(104).publishedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2099-01-01T10:00:00Z").toInstant());
        assertThat(post(105).status()).isEqualTo(ArticleStatus.UNPUBLISHED);
        assertThat(taxonomy.sections()).extracting(Section::name).contains("اقتصاد");
    }

    @Test
    void bodiesAreConvertedAndUploadsBecomeMinbarMedia() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("site.xml"), false);

        Article gutenberg = post(100);
        assertThat(gutenberg.bodyHtml()).doesNotContain("wp:").doesNotContain("wp-content");
        Document body = Jsoup.parseBodyFragment(gutenberg.bodyHtml());
        assertThat(body.select("p")).hasSize(2);
        assertThat(body.select("figure img").attr("src")).startsWith("/media/");
        assertThat(gutenberg.leadImageUrl()).startsWith("/media/");
        assertThat(gutenberg.leadImageAlt()).isEqualTo("صحن الجامع الأموي في دمشق");
        // The resized copy in the body and the featured image are the same upload, stored once.
        assertThat(jdbc.sql("select count(*) from wordpress_media where upload_path = '2021/12/damascus.jpg'")
                .query(Long.class).single()).isEqualTo(1);

        Document classic = Jsoup.parseBodyFragment(post(101).bodyHtml());
        assertThat(classic.select("p").first().select("br")).hasSize(1);
        assertThat(classic.select("figure figcaption").text()).isEqualTo("السوق في الصباح");
        assertThat(classic.select("body > figure")).hasSize(2); // the caption and the gallery
        assertThat(classic.select("body > figure").get(1).select("figure > img")).hasSize(2); // a figure per image
        assertThat(classic.select("img")).allSatisfy(img -> assertThat(img.attr("src")).startsWith("/media/"));
        assertThat(classic.text()).contains("[contact-form-7");
        assertThat(report.unknownShortcodes()).containsOnlyKeys("contact-form-7");

        // The missing upload is reported (with the post) and its link left as it was.
        assertThat(report.missingMedia()).isEqualTo(1);
        assertThat(report.missing()).singleElement().asString().contains("2021/11/lost.jpg").contains("101");
        assertThat(classic.select("a").attr("href")).isEqualTo("https://old.example.com/wp-content/uploads/2021/11/lost.jpg");
    }

    @Test
    void createUsersMakesTheAuthorsDisabledWritersWithoutAKnownPasswordAndOnlyWhenAsked(@Autowired NewsroomAccounts accounts,
            @Autowired UserDetailsService logins) throws Exception {
        importFile(WxrReaderTests.fixture("site.xml"), false);
        assertThat(accounts.exists("ahmad")).as("no accounts unless asked").isFalse();

        Path withArabicLogin = temp.resolve("arabic-login.xml");
        Files.writeString(withArabicLogin, Files.readString(WxrReaderTests.fixture("site.xml"), StandardCharsets.UTF_8)
                .replace("<wp:author_login><![CDATA[sara]]>", "<wp:author_login><![CDATA[سارة]]>")
                .replace("<dc:creator><![CDATA[sara]]>", "<dc:creator><![CDATA[سارة]]>"), StandardCharsets.UTF_8);
        WxrReport dryRun = new WxrReport();
        importer.run(withArabicLogin, new WxrImporter.Options(null, true, true), dryRun, () -> { });
        String arabic = NewsroomAccounts.usernameFor("سارة");
        assertThat(arabic).matches("author-[0-9a-f]{10}");
        assertThat(dryRun.usersCreated()).containsExactlyInAnyOrder("ahmad", arabic);
        assertThat(accounts.exists("ahmad")).as("a dry run creates no account").isFalse();

        WxrReport report = new WxrReport();
        importer.run(withArabicLogin, new WxrImporter.Options(null, false, true), report, () -> { });
        assertThat(report.usersCreated()).containsExactlyInAnyOrder("ahmad", arabic);
        assertThat(report.summary(false)).anyMatch(line -> line.contains("newsroom users: created 2"));
        for (String username : List.of("ahmad", arabic)) {
            UserDetails user = logins.loadUserByUsername(username);
            assertThat(user.isEnabled()).as(username + " is disabled").isFalse();
            assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_WRITER");
            assertThat(user.getPassword()).as("a hash of a password nobody was given").startsWith("{bcrypt}");
        }
        assertThat(jdbc.sql("select display_name from newsroom_user where username = ?").param(arabic).query(String.class).single())
                .isEqualTo("سارة الحلبي");

        jdbc.sql("update newsroom_user set display_name = 'changed by an admin' where username = 'ahmad'").update();
        WxrReport again = new WxrReport();
        importer.run(withArabicLogin, new WxrImporter.Options(null, false, true), again, () -> { });
        assertThat(again.usersCreated()).isEmpty();
        assertThat(again.summary(false)).anyMatch(line -> line.contains("created 0, already there 2"));
        assertThat(jdbc.sql("select display_name from newsroom_user where username = 'ahmad'").query(String.class).single())
                .as("an existing account is left as it is").isEqualTo("changed by an admin");
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        long before = rows();
        WxrReport report = importFile(WxrReaderTests.fixture("site.xml"), true);
        assertThat(report.created()).isEqualTo(6);
        assertThat(report.failed()).as(String.join("\n", report.summary(true))).isZero();
        assertThat(rows()).isEqualTo(before);
        assertThat(report.summary(true).get(0)).startsWith("Dry run (nothing was written)");
    }

    @Test
    void aMalformedFileIsReportedWithLineAndColumnAndNothingIsWritten() {
        long before = rows();
        assertThatThrownBy(() -> importFile(WxrReaderTests.fixture("broken.xml"), false))
                .isInstanceOf(MalformedWxrException.class).hasMessageMatching(".*broken\\.xml:15:\\d+: .*");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void reRunningUpdatesInsteadOfDuplicating() throws Exception {
        importFile(WxrReaderTests.fixture("site.xml"), false);
        long articleCount = editing.countAll();
        long mediaCount = jdbc.sql("select count(*) from media_item").query(Long.class).single();
        long firstId = post(100).id();

        WxrReport again = importFile(WxrReaderTests.fixture("site.xml"), false);
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.skipped()).isEqualTo(7); // six unchanged posts and the page

        Path edited = temp.resolve("edited.xml");
        Files.writeString(edited, Files.readString(WxrReaderTests.fixture("site.xml"), StandardCharsets.UTF_8)
                .replace("وقال المشاركون إن العمل يبدأ في الربيع.", "وقال المشاركون إن العمل يبدأ في الصيف.")
                .replace("<wp:status><![CDATA[draft]]></wp:status>", "<wp:status><![CDATA[publish]]></wp:status>"),
                StandardCharsets.UTF_8);
        WxrReport updated = importFile(edited, false);
        assertThat(updated.updated()).as(String.join("\n", updated.summary(false))).isEqualTo(2);
        assertThat(updated.failed()).isZero();
        assertThat(editing.countAll()).isEqualTo(articleCount);
        assertThat(jdbc.sql("select count(*) from media_item").query(Long.class).single()).isEqualTo(mediaCount);
        assertThat(post(100).id()).isEqualTo(firstId);
        assertThat(post(100).bodyHtml()).contains("الصيف");
        assertThat(post(102).status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    /**
     * Readers' "modified" date of an imported post is WordPress's post_modified_gmt (else the
     * published date), never the import's time; a re-import of a changed post takes the source's new
     * one. Reproduced: before article.modified_at, every imported article's dateModified, Atom
     * updated and sitemap lastmod was the import's updated_at.
     */
    @Test
    void importedPostsChangedWhenWordpressSaysNotWhenTheyWereImported() throws Exception {
        String source = Files.readString(WxrReaderTests.fixture("site.xml"), StandardCharsets.UTF_8);
        String gmt = "<wp:post_date_gmt><![CDATA[2021-12-07 16:30:00]]></wp:post_date_gmt>";
        assertThat(source).contains(gmt);
        Path withModified = temp.resolve("modified.xml");
        Files.writeString(withModified, source.replace(gmt, gmt
                + "<wp:post_modified><![CDATA[2021-12-09 12:15:00]]></wp:post_modified>"
                + "<wp:post_modified_gmt><![CDATA[2021-12-09 09:15:00]]></wp:post_modified_gmt>"), StandardCharsets.UTF_8);
        importFile(withModified, false);

        Article modified = post(100);
        assertThat(modified.readerModifiedAt().toInstant()).isEqualTo(java.time.Instant.parse("2021-12-09T09:15:00Z"));
        assertThat(modified.updatedAt()).as("the newsroom's own clock is the import's").isAfter(OffsetDateTime.now().minusHours(1));
        Article unmodified = post(101);
        assertThat(unmodified.readerModifiedAt()).as("no post_modified: its published date").isEqualTo(unmodified.publishedAt());

        Path edited = temp.resolve("edited-later.xml");
        Files.writeString(edited, Files.readString(withModified, StandardCharsets.UTF_8)
                .replace("وقال المشاركون إن العمل يبدأ في الربيع.", "وقال المشاركون إن العمل يبدأ في الصيف.")
                .replace("2021-12-09 09:15:00", "2022-01-02 08:00:00"), StandardCharsets.UTF_8);
        importFile(edited, false);
        assertThat(post(100).bodyHtml()).contains("الصيف");
        assertThat(post(100).readerModifiedAt().toInstant()).isEqualTo(java.time.Instant.parse("2022-01-02T08:00:00Z"));
    }

    @Test
    void exportThenImportGivesTheSameArticlesSectionsTagsAndContributors() throws Exception {
        importFile(WxrReaderTests.fixture("site.xml"), false);
        // Its slug is over WordPress's 200 characters once encoded: post_name is cut, the whole slug kept aside.
        imports.create(new ArticleDraft("الأمم المتحدة والهلال الأحمر يوزعان المساعدات على العائلات النازحة", "<p>نص.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(new Contributor("ليلى عبد الله", List.of(ContributorRole.WRITTEN))),
                null, null, OffsetDateTime.parse("2024-03-01T12:00:00+03:00")));
        Set<String> articlesBefore = snapshotArticles();
        Set<String> sectionsBefore = snapshotSections();
        Set<String> tagsBefore = taxonomy.allTags().stream().map(t -> t.name()).collect(Collectors.toCollection(TreeSet::new));

        Path exported = temp.resolve("export.xml");
        assertThat(exporter.export(exported)).isEqualTo(7);
        String xml = Files.readString(exported, StandardCharsets.UTF_8);
        assertThat(xml).contains("<wp:wxr_version>1.2</wp:wxr_version>").contains("<wp:post_type>post</wp:post_type>")
                .contains("domain=\"post_tag\"").contains("<wp:status>future</wp:status>").contains("<wp:is_sticky>1</wp:is_sticky>");

        emptyDatabase();
        WxrReport report = importFile(exported, false);
        assertThat(report.failed()).as(String.join("\n", report.summary(false))).isZero();
        assertThat(report.created()).isEqualTo(7);
        assertThat(snapshotArticles()).isEqualTo(articlesBefore);
        assertThat(snapshotSections()).isEqualTo(sectionsBefore);
        Set<String> tagsAfter = taxonomy.allTags().stream().map(t -> t.name()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(tagsAfter).isEqualTo(tagsBefore);
        assertThat(report.sticky()).isEqualTo(1);
    }

    static final String THEME_SITE = "https://wordpress.com";

    Article themePost(long postId) {
        long id = links.post(THEME_SITE, postId).orElseThrow(() -> new AssertionError("post " + postId + " not imported")).articleId();
        return editing.find(id).orElseThrow();
    }

    @Test
    void strayTextBetweenElementsOfAnItemIsIgnoredAndCountedAsWordpressDoes() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), false);

        assertThat(report.failed()).as(String.join("\n", report.summary(false))).isZero();
        assertThat(report.strayText()).isEqualTo(1);
        assertThat(themePost(1177).title()).isEqualTo("Markup: Image Alignment");
        assertThat(report.summary(false)).anyMatch(line -> line.matches("text between elements ignored 1 time\\(s\\), first at .*theme-unit-excerpt\\.xml:\\d+:\\d+"));
    }

    @Test
    void itemsWithoutAPostIdAreKeyedByTheirGuidSoReImportsUpdateInsteadOfDuplicating() throws Exception {
        Path file = WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml");
        WxrReport first = importFile(file, false);
        assertThat(first.failed()).as(String.join("\n", first.summary(false))).isZero();
        long count = editing.countAll();
        long handMade = jdbc.sql("select count(*) from article where title = 'Hand-Made Item Without A Post Id'").query(Long.class).single();
        assertThat(handMade).isEqualTo(1);

        Path edited = temp.resolve("edited.xml");
        Files.writeString(edited, Files.readString(file, StandardCharsets.UTF_8)
                .replace("Third-party exporters often leave out wp:post_id.", "Edited in the old site."), StandardCharsets.UTF_8);
        WxrReport again = importFile(edited, false);
        assertThat(again.failed()).as(String.join("\n", again.summary(false))).isZero();
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isEqualTo(1);
        assertThat(editing.countAll()).isEqualTo(count);
        assertThat(jdbc.sql("select body_html from article where title = 'Hand-Made Item Without A Post Id'").query(String.class).single())
                .contains("Edited in the old site.");
    }

    @Test
    void twoCategoriesWithTheSameNameUnderDifferentParentsBecomeTwoSections() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), false);

        assertThat(report.failed()).as(String.join("\n", report.summary(false))).isZero();
        List<Section> fooA = taxonomy.sections().stream().filter(s -> s.name().equals("Foo A")).toList();
        assertThat(fooA).hasSize(2);
        Section underParent = taxonomy.section(themePost(2001).sectionId()).orElseThrow();
        assertThat(underParent.name()).isEqualTo("Foo A");
        assertThat(underParent.slug()).isEqualTo("foo-a-foo-parent");
        assertThat(taxonomy.section(underParent.parentId()).orElseThrow().name()).isEqualTo("Foo Parent");
        assertThat(taxonomy.sectionBySlug("foo-a").orElseThrow().parentId()).isNull();
        assertThat(taxonomy.sectionBySlug("edge-case-2")).as("WordPress's slug is kept").isPresent();
    }

    @Test
    void aDryRunReportsEveryFailureTheRealRunHasWithItsPosition() throws Exception {
        // A category name longer than a section may have: refused, with its place in the file, by both runs.
        Path file = temp.resolve("long-category.xml");
        Files.writeString(file, Files.readString(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), StandardCharsets.UTF_8)
                .replace("<wp:cat_name><![CDATA[Markup]]></wp:cat_name>", "<wp:cat_name><![CDATA[" + "M".repeat(250) + "]]></wp:cat_name>"),
                StandardCharsets.UTF_8);
        long before = rows();
        WxrReport dry = importFile(file, true);
        assertThat(rows()).isEqualTo(before);
        WxrReport real = importFile(file, false);

        assertThat(real.failures()).isNotEmpty().allMatch(f -> f.matches(".*long-category\\.xml:\\d+:\\d+: .*"), "names file:line:column");
        assertThat(dry.failures()).isEqualTo(real.failures());
        assertThat(real.failures().get(0)).contains("category").contains("1 to 200 characters");
        // The two posts filed in it fail too; the four others still come.
        assertThat(real.failed()).isEqualTo(3);
        assertThat(real.created()).isEqualTo(dry.created()).isEqualTo(4);
    }

    @Test
    void aTagCreatedForAPostThatFailedIsCreatedAgainForTheNextPostThatUsesIt() throws Exception {
        // The importer remembers the tags it made; the first post's tag goes with its savepoint when
        // its category (too long a name) is refused, so the second post must not be given its id.
        String item = """
                <item><title>%s</title><wp:post_id>%d</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
                <content:encoded><![CDATA[<p>نص الخبر.</p>]]></content:encoded>
                <category domain="post_tag" nicename="fresh-tag"><![CDATA[وسم جديد]]></category>%s</item>
                """;
        Path file = temp.resolve("tag-of-a-failed-post.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel><title>t</title><link>https://tags.example.com</link><wp:wxr_version>1.2</wp:wxr_version>
                <wp:base_site_url>https://tags.example.com</wp:base_site_url>
                %s%s</channel></rss>
                """.formatted(
                item.formatted("خبر يفشل", 901, "<category domain=\"category\" nicename=\"long\"><![CDATA[" + "م".repeat(250) + "]]></category>"),
                item.formatted("خبر يصل", 902, "")), StandardCharsets.UTF_8);

        WxrReport report = importFile(file, false);

        assertThat(report.failed()).as(String.join("\n", report.summary(false))).isEqualTo(1);
        assertThat(report.created()).isEqualTo(1);
        long second = links.post("https://tags.example.com", 902).orElseThrow().articleId();
        assertThat(taxonomy.tags(editing.find(second).orElseThrow().tagIds())).extracting(t -> t.name()).containsExactly("وسم جديد");
    }

    @Test
    void aDryRunOfTheThemeUnitTestDataSaysWhatTheRealRunDoes() throws Exception {
        WxrReport dry = importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), true);
        WxrReport real = importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), false);
        assertThat(real.failures()).isEqualTo(dry.failures()).isEmpty();
        assertThat(real.created()).isEqualTo(dry.created()).isEqualTo(6);
    }

    @Test
    void passwordProtectedPostsAreImportedUnpublishedAndListedInTheSummary() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), false);

        Article protectedPost = themePost(1168);
        assertThat(protectedPost.status()).isEqualTo(ArticleStatus.UNPUBLISHED);
        assertThat(articles.findPublished(protectedPost.id())).isEmpty();
        assertThat(report.passwordProtected()).containsExactly("post 1168 \"Template: Password Protected (the password is \u201center\u201d)\"");
        assertThat(report.summary(false)).anyMatch(line -> line.startsWith("password-protected posts 1: imported unpublished"));
        assertThat(themePost(1177).status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void tagsAndSectionsKeepTheirWordpressSlugs() throws Exception {
        importFile(WxrReaderTests.fixture("wordpress/theme-unit-excerpt.xml"), false);

        assertThat(taxonomy.tagBySlug("alignment-2")).map(t -> t.name()).contains("alignment");
        assertThat(taxonomy.tagBySlug("markup-2")).map(t -> t.name()).contains("markup");
        assertThat(taxonomy.tagBySlug("content-2")).map(t -> t.name()).contains("content περιεχόμενο");
        assertThat(taxonomy.sectionBySlug("markup")).map(Section::name).contains("Markup");
        assertThat(links.term("post_tag", "alignment-2")).contains(taxonomy.tagBySlug("alignment-2").orElseThrow().id());
    }

    private Set<String> snapshotArticles() {
        Map<Long, String> sectionNames = taxonomy.sections().stream().collect(Collectors.toMap(Section::id, Section::name));
        return editing.newsroomList(null, null, null, null, 100, 0).stream()
                .map(row -> editing.find(row.id()).orElseThrow())
                .map(a -> String.join(" | ", a.title(), a.status().name(), a.featured() ? "featured" : "-", a.slug(),
                        Objects.toString(a.excerpt()),
                        Jsoup.parseBodyFragment(a.bodyHtml()).text(), Objects.toString(sectionNames.get(a.sectionId())),
                        taxonomy.tags(a.tagIds()).stream().map(t -> t.name()).sorted().toList().toString(),
                        a.contributors().toString(), Objects.toString(a.publishedAt() == null ? null : a.publishedAt().toInstant())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> snapshotSections() {
        Map<Long, String> names = taxonomy.sections().stream().collect(Collectors.toMap(Section::id, Section::name));
        return taxonomy.sections().stream().map(s -> s.name() + " < " + names.get(s.parentId()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static final String MARKUP_SITE = "https://markup.example.com";

    /** The texts a reader must still find, by kind, in a WordPress body (shortcode captions included). */
    private static Map<String, Set<String>> textsByKind(String html, boolean stored) {
        Map<String, Set<String>> texts = new java.util.TreeMap<>();
        Document doc = Jsoup.parseBodyFragment(html);
        java.util.function.BiConsumer<String, String> add = (kind, text) -> {
            if (!text.isBlank()) {
                texts.computeIfAbsent(kind, k -> new TreeSet<>()).add(text.strip());
            }
        };
        doc.select(stored ? "h2, h3" : "h1, h2, h3, h4, h5, h6").forEach(h -> add.accept("heading", h.text()));
        doc.select("li").forEach(li -> add.accept("list item", li.ownText()));
        doc.select("td, th").forEach(cell -> add.accept("table cell", cell.text()));
        doc.select(stored ? "dt, dd" : "dl:not(.wp-caption) > dt, dl:not(.wp-caption) > dd").forEach(d -> add.accept("definition", d.text()));
        doc.select(stored ? "figcaption, caption" : "figcaption, caption, .wp-caption-text, .wp-caption-dd").forEach(c -> add.accept("caption", c.text()));
        if (!stored) {
            java.util.regex.Matcher caption = java.util.regex.Pattern.compile("\\[caption([^\\]]*)\\](.*?)\\[/caption\\]", java.util.regex.Pattern.DOTALL)
                    .matcher(html);
            while (caption.find()) {
                Document inner = Jsoup.parseBodyFragment(caption.group(2));
                inner.body().children().stream().filter(e -> e.is("img") || e.selectFirst("img") != null).findFirst().ifPresent(e -> e.remove());
                java.util.regex.Matcher attribute = java.util.regex.Pattern.compile("caption=\"([^\"]*)\"").matcher(caption.group(1));
                add.accept("caption", inner.body().text().isBlank() && attribute.find() ? attribute.group(1) : inner.body().text());
            }
        }
        return texts;
    }

    private Map<Long, String> sourceBodies(Path file) throws Exception {
        Map<Long, String> bodies = new java.util.LinkedHashMap<>();
        WxrReader.read(file, item -> {
            if ("post".equals(item.postType()) && !item.passwordProtected()) {
                bodies.put(item.postId(), item.content());
            }
        });
        return bodies;
    }

    @Test
    void anImportNeverHoldsTwoPooledConnectionsAtOnce() throws Exception {
        org.minbar.support.ConnectionGuard.reset();
        WxrReport report = importFile(WxrReaderTests.fixture("wordpress/markup.xml"), false);
        importFile(WxrReaderTests.fixture("site.xml"), false);
        assertThat(report.created()).isPositive();
        // What the events set off (search indexing, cache invalidation) runs too, on this thread or another.
        Thread.sleep(500);
        assertThat(org.minbar.support.ConnectionGuard.violations()).as("threads that borrowed a second connection").isEmpty();
    }

    @Test
    void classicAndBlockBodiesComeOutValidWithoutStrayBreaksOrEmptyParagraphsAndLoseNoText() throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        for (String fixture : List.of("wordpress/markup.xml", "wordpress/theme-unit-excerpt.xml")) {
            Path file = WxrReaderTests.fixture(fixture);
            WxrReport report = importFile(file, false);
            assertThat(report.failed()).as(String.join("\n", report.summary(false))).isZero();
            String site = fixture.contains("markup") ? MARKUP_SITE : THEME_SITE;
            for (Map.Entry<Long, String> source : sourceBodies(file).entrySet()) {
                long articleId = links.post(site, source.getKey()).orElseThrow().articleId();
                String body = editing.find(articleId).orElseThrow().bodyHtml();
                String name = fixture + " post " + source.getKey();
                problems.addAll(org.minbar.support.NuHtmlChecker.fragmentErrors(name, body));
                Document doc = Jsoup.parseBodyFragment(body);
                for (org.jsoup.nodes.Element br : doc.select("br")) {
                    org.jsoup.nodes.Element before = br.previousElementSibling();
                    boolean textBetween = br.previousSibling() != null && br.previousSibling() != before
                            && !br.previousSibling().outerHtml().isBlank();
                    if (before != null && !textBetween && before.is("p, h2, h3, blockquote, ul, ol, li, figure, table, dl, dd, dt, pre, hr, div, aside")) {
                        problems.add(name + ": <br> right after <" + before.tagName() + ">");
                    }
                    if (br.parent() != null && br.parent().is("p, li, td, th, dd, dt, blockquote, figcaption")
                            && (br.parent().childNodes().stream().filter(n -> !n.outerHtml().isBlank()).findFirst().orElse(null) == br)) {
                        problems.add(name + ": <br> at the start of <" + br.parent().tagName() + ">");
                    }
                }
                doc.select("p").stream().filter(p -> p.text().replace('\u00a0', ' ').isBlank() && p.select("img").isEmpty())
                        .forEach(p -> problems.add(name + ": empty paragraph " + p.outerHtml()));
                Map<String, Set<String>> expected = textsByKind(source.getValue(), false);
                Map<String, Set<String>> kept = textsByKind(body, true);
                expected.forEach((kind, texts) -> texts.stream().filter(t -> !kept.getOrDefault(kind, Set.of()).contains(t))
                        .forEach(t -> problems.add(name + ": " + kind + " lost: " + t)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void headingsTablesDefinitionListsCaptionsAndPreformattedTextKeepTheirShape() throws Exception {
        importFile(WxrReaderTests.fixture("wordpress/markup.xml"), false);
        Document tags = Jsoup.parseBodyFragment(editing.find(links.post(MARKUP_SITE, 1178).orElseThrow().articleId()).orElseThrow().bodyHtml());
        assertThat(tags.select("h2").eachText()).contains("عنوان المستوى الأول", "عنوان المستوى الثاني");
        assertThat(tags.select("h3").eachText()).contains("عنوان المستوى الثالث", "عنوان المستوى الرابع", "عنوان المستوى الخامس",
                "عنوان المستوى السادس");
        assertThat(tags.select("h1, h4, h5, h6")).isEmpty();
        assertThat(tags.select("div.table-scroll > table tr")).hasSize(4);
        assertThat(tags.select("table th")).hasSize(3);
        assertThat(tags.select("table td")).hasSize(9);
        assertThat(tags.select("table br")).isEmpty();
        assertThat(tags.select("dl > dt")).hasSize(3);
        assertThat(tags.select("dl > dd")).hasSize(3);
        assertThat(tags.select("ul > li > ul > li > ul > li")).hasSize(2);
        assertThat(tags.select("ul br, ol br")).isEmpty();
        assertThat(tags.select("pre").text()).contains("سطر بمسافات في أوله");
        assertThat(tags.select("pre").first().wholeText()).contains("\n    سطر بمسافات");
        assertThat(tags.select("blockquote cite").text()).isEqualTo("ستيف جوبز");
        assertThat(tags.select("sub").text()).isEqualTo("2");
        assertThat(tags.body().html()).doesNotContain("&nbsp;").doesNotContain("more");
        assertThat(tags.select("p").last().text()).isEqualTo("الفقرة الأخيرة بعد وسم المزيد.");

        Document images = Jsoup.parseBodyFragment(editing.find(links.post(MARKUP_SITE, 1177).orElseThrow().articleId()).orElseThrow().bodyHtml());
        assertThat(images.select("figure > figcaption").eachText()).containsExactly("صورة في الوسط مع تعليق طويل.",
                "تعليق في خاصية الوسم", "تعليق بترميز wp-caption", "تعليق بالترميز القديم");
        assertThat(images.select("figure img")).hasSize(4);
        assertThat(images.select("figure figcaption a").text()).isEqualTo("الوسط");
        assertThat(images.select("dl")).isEmpty();

        Document blocks = Jsoup.parseBodyFragment(editing.find(links.post(MARKUP_SITE, 1200).orElseThrow().articleId()).orElseThrow().bodyHtml());
        assertThat(blocks.select("figure > div.table-scroll > table td")).hasSize(4);
        assertThat(blocks.select("figure:has(table) > figcaption").text()).isEqualTo("جدول بكتلة مع تعليق");
        assertThat(blocks.select("figure > figure > img")).hasSize(2);
        assertThat(blocks.select("hr")).hasSize(1);
        assertThat(blocks.select("h2").text()).isEqualTo("عنوان كتلة من المستوى الأول");
    }

    @Test
    void aGalleryShowsThePostsAttachedImagesOrIsNamedInTheSummaryWhenTheyAreMissing() throws Exception {
        WxrReport report = importFile(WxrReaderTests.fixture("wordpress/markup.xml"), false);

        Document gallery = Jsoup.parseBodyFragment(editing.find(links.post(MARKUP_SITE, 1180).orElseThrow().articleId()).orElseThrow().bodyHtml());
        assertThat(gallery.select("figure > figure > img")).extracting(img -> img.attr("alt")).containsExactly("الجامع الأموي", "سوق الحميدية");
        assertThat(gallery.select("figure img")).allSatisfy(img -> assertThat(img.attr("src")).startsWith("/media/"));
        assertThat(gallery.select("p").eachText()).containsExactly("يعرض وسم المعرض الصور المرفقة بالتدوينة.", "وبعد المعرض فقرة.");

        assertThat(report.emptyGalleries()).containsExactly("post 1179 \"Post Format: Gallery (Tiled)\"");
        assertThat(report.summary(false)).contains("  gallery left out, none of its images is available: post 1179 \"Post Format: Gallery (Tiled)\"");
        assertThat(report.missing()).anyMatch(m -> m.contains("gallery attachment 504 of post 1179"));
    }
}
