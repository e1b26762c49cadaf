package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
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

/**
 * Feeds, sitemaps and robots.txt over real HTTP on the demo content: feeds parse with ROME and carry
 * what readers need, sitemaps validate against the sitemaps.org and Google News schemas, and every
 * link in them answers 200. A small sitemap page size makes the article sitemap span several files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minbar.sitemaps.page-size=150")
class FeedsAndSitemapsIntegrationTests {

    static final String SEED_TITLE = SeedFile.TITLE;
    /** RFC 822 dates as RSS 2.0 writes them, with a four-digit year. */
    static final String RFC_822 = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
            + "\\d{2}:\\d{2}:\\d{2} (GMT|UT|Z|[+-]\\d{4})";
    static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

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
    org.minbar.media.MediaService media;

    @Autowired
    TaxonomyService taxonomy;

    Http http;
    final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    // ---------------------------------------------------------------- feeds

    @Test
    void rssFeedParsesWithRomeAndCarriesTheRequiredElements() throws Exception {
        HttpResponse<String> response = http.get("/feed");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        String lastModified = response.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> unchanged = following.send(HttpRequest.newBuilder(URI.create(http.base() + "/feed"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        SyndFeed feed = parse(response.body());
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getLanguage()).isEqualTo("ar");
        assertThat(feed.getLink()).isEqualTo(http.base() + "/");
        assertThat(feed.getEntries()).hasSize(FeedController.ITEMS);

        Document xml = Jsoup.parse(response.body(), "", Parser.xmlParser());
        assertThat(xml.selectFirst("channel > language").text()).isEqualTo("ar");
        for (Element item : xml.select("item")) {
            assertThat(item.selectFirst("pubDate").text()).matches(RFC_822);
            assertThat(item.selectFirst("link").text()).startsWith("http://localhost:" + port + "/news/");
            assertThat(item.selectFirst("guid").text()).matches("http://localhost:" + port + "/news/\\d+");
            assertThat(item.selectFirst("description").text()).isNotBlank();
            assertThat(item.getElementsByTag("content:encoded")).as("full content").hasSize(1);
        }
        SyndEntry seed = feed.getEntries().stream().filter(e -> e.getTitle().equals(SEED_TITLE)).findFirst().orElse(null);
        if (seed != null) {
            assertThat(seed.getContents().get(0).getValue()).contains("<h2>").contains("href=\"http://localhost:" + port);
        }
    }

    @Test
    void atomFeedParsesWithRomeAndCarriesTheRequiredElements() throws Exception {
        HttpResponse<String> response = http.get("/feed/atom");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        SyndFeed feed = parse(response.body());
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(FeedController.ITEMS);
        Document xml = Jsoup.parse(response.body(), "", Parser.xmlParser());
        Element root = xml.selectFirst("feed");
        assertThat(root.attr("xml:lang")).isEqualTo("ar");
        assertThat(root.selectFirst("> link[rel=self]").attr("href")).isEqualTo(http.base() + "/feed/atom");
        assertThat(root.selectFirst("> link[rel=alternate]").attr("href")).isEqualTo(http.base() + "/");
        for (Element entry : xml.select("entry")) {
            assertThat(entry.selectFirst("id").text()).matches("http://localhost:" + port + "/news/\\d+");
            assertThat(entry.selectFirst("published").text()).matches(RFC_3339);
            assertThat(entry.selectFirst("updated").text()).matches(RFC_3339);
            assertThat(entry.selectFirst("link[rel=alternate]").attr("href")).startsWith(http.base() + "/news/");
            assertThat(entry.selectFirst("content").attr("type")).isEqualTo("html");
        }
    }

    /**
     * RSS names its own address (atom:link rel=self), says date and language once (pubDate and
     * language, not ROME's dc:date and dc:language beside them), and carries the excerpt as text:
     * RSS readers take description as HTML, so an excerpt's "<" and "&" arrive escaped for HTML.
     * Reproduced: the channel had no atom:link, every item a dc:date, and an excerpt "<b>" became bold.
     */
    @Test
    void rssNamesItselfSaysEachThingOnceAndCarriesTheExcerptAsText() throws Exception {
        String excerpt = "أ < ب & ج <b>ليس غامقاً</b> \"><svg onload=alert(1)>";
        long id = imports.create(new ArticleDraft("خبر بمقتطف فيه رموز", "<p>نص الخبر.</p>", excerpt, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(new Contributor("كاتب المقتطف", List.of(ContributorRole.WRITTEN))), null, null, null));
        String body = http.get("/feed").body();
        Document xml = Jsoup.parse(body, "", Parser.xmlParser());
        Element channel = xml.selectFirst("rss > channel");
        Element self = channel.getElementsByTag("atom:link").first();
        assertThat(self).as("atom:link rel=self").isNotNull();
        assertThat(self.attr("rel")).isEqualTo("self");
        assertThat(self.attr("href")).isEqualTo(http.base() + "/feed");
        assertThat(self.attr("type")).isEqualTo("application/rss+xml");
        assertThat(xml.selectFirst("rss").attr("xmlns:atom")).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(xml.getElementsByTag("dc:date")).isEmpty();
        assertThat(xml.getElementsByTag("dc:language")).isEmpty();
        assertThat(channel.selectFirst("> language").text()).isEqualTo("ar");
        Element item = channel.select("> item").stream().filter(i -> i.selectFirst("guid").text().endsWith("/news/" + id))
                .findFirst().orElseThrow();
        assertThat(item.getElementsByTag("dc:creator").text()).isEqualTo("كاتب المقتطف");
        String description = item.selectFirst("description").text();
        assertThat(Jsoup.parse(description).select("b, svg")).as("the excerpt is text, not markup").isEmpty();
        assertThat(Jsoup.parse(description).text()).isEqualTo(excerpt);
        SyndFeed feed = parse(body);
        assertThat(feed.getEntries()).anyMatch(e -> e.getUri().endsWith("/news/" + id));
        {
            Section section = taxonomy.sections().stream().filter(s -> articles.countPublished(s.id(), null) > 0).findFirst()
                    .orElseThrow();
            Element sectionSelf = Jsoup.parse(http.get(section.path() + "/feed").body(), "", Parser.xmlParser())
                    .getElementsByTag("atom:link").first();
            assertThat(sectionSelf.attr("href")).isEqualTo(http.base() + section.path() + "/feed");
        }
    }

    @Test
    void guidsStayTheSameWhenTheSlugChanges() throws Exception {
        SyndEntry first = parse(http.get("/feed").body()).getEntries().get(0);
        long id = Long.parseLong(first.getUri().replaceAll(".*/news/", ""));
        String slug = editing.find(id).orElseThrow().slug();
        try {
            editing.changeSlug(id, "عنوان-جديد-للاختبار");
            SyndEntry again = parse(http.get("/feed").body()).getEntries().stream()
                    .filter(e -> e.getUri().equals(first.getUri())).findFirst().orElseThrow();
            assertThat(again.getLink()).isNotEqualTo(first.getLink()).contains("/news/" + id + "/");
            assertThat(again.getUri()).isEqualTo(first.getUri());
        } finally {
            editing.changeSlug(id, slug);
        }
    }

    @Test
    void sectionAndTagFeedsCarryOnlyTheirArticles() throws Exception {
        Section section = taxonomy.sections().stream().filter(s -> articles.countPublished(s.id(), null) > 0).findFirst()
                .orElseThrow();
        for (String path : List.of(section.path() + "/feed", section.path() + "/feed/atom")) {
            SyndFeed feed = parse(http.get(path).body());
            assertThat(feed.getLanguage()).isEqualTo("ar");
            assertThat(feed.getTitle()).contains(section.name());
            assertThat(feed.getEntries()).isNotEmpty().allSatisfy(e -> assertThat(e.getCategories())
                    .extracting(c -> c.getName()).containsExactly(section.name()));
            assertThat(feed.getEntries()).hasSize((int) Math.min(FeedController.ITEMS, articles.countPublished(section.id(), null)));
        }
        Tag tag = taxonomy.allTags().stream().filter(t -> articles.countPublished(null, t.id()) > 0).findFirst().orElseThrow();
        SyndFeed tagFeed = parse(http.get(tag.path() + "/feed/atom").body());
        assertThat(tagFeed.getEntries()).hasSize((int) Math.min(FeedController.ITEMS, articles.countPublished(null, tag.id())));
        assertThat(http.get("/section/no-such-section/feed").statusCode()).isEqualTo(404);
        assertThat(http.get("/tag/no-such-tag/feed/atom").statusCode()).isEqualTo(404);
    }

    @Test
    void feedsAreRenderedOnceASecondYetShowAPublishOrUnpublishAtOnce() throws Exception {
        String before = http.get("/feed").body();
        assertThat(http.get("/feed").body()).isEqualTo(before);
        long id = imports.create(new ArticleDraft("خبر عاجل يظهر فوراً في الخلاصة", "<p>نص الخبر العاجل.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        for (String path : List.of("/feed", "/feed/atom")) {
            assertThat(parse(http.get(path).body()).getEntries()).anyMatch(e -> e.getUri().endsWith("/news/" + id));
        }
        workflow.unpublish(id);
        for (String path : List.of("/feed", "/feed/atom")) {
            assertThat(parse(http.get(path).body()).getEntries()).noneMatch(e -> e.getUri().endsWith("/news/" + id));
        }
    }

    @Test
    void leadImageTravelsAsAnEnclosure() throws Exception {
        // A lead image is our own media (or https): the one the newsroom would have uploaded.
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(640, 360, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        org.minbar.media.MediaItem lead = media.store(new java.io.ByteArrayInputStream(png.toByteArray()), "lead.png", "editor1");
        long id = imports.create(new ArticleDraft("خبر مصوّر للاختبار", "<p>نص الخبر المصوّر.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(new Contributor("كاتب الاختبار", List.of(ContributorRole.WRITTEN))),
                lead.url(), "شعار الموقع", null));
        for (String path : List.of("/feed", "/feed/atom")) {
            SyndEntry entry = parse(http.get(path).body()).getEntries().stream()
                    .filter(e -> e.getUri().endsWith("/news/" + id)).findFirst().orElseThrow();
            SyndEnclosure image = entry.getEnclosures().get(0);
            assertThat(image.getUrl()).isEqualTo(http.base() + lead.url());
            assertThat(image.getType()).isEqualTo(lead.mimeType());
            assertThat(entry.getAuthor() + entry.getAuthors().stream().map(a -> a.getName()).toList()).contains("كاتب الاختبار");
            assertThat(resolve(image.getUrl())).isEqualTo(200);
        }
    }

    @Test
    void everyLinkInTheFeedsResolves() throws Exception {
        Section section = taxonomy.sections().stream().filter(s -> articles.countPublished(s.id(), null) > 0).findFirst()
                .orElseThrow();
        Set<String> links = new LinkedHashSet<>();
        for (String path : List.of("/feed", "/feed/atom", section.path() + "/feed", section.path() + "/feed/atom")) {
            SyndFeed feed = parse(http.get(path).body());
            links.add(feed.getLink());
            feed.getLinks().forEach(l -> links.add(l.getHref()));
            for (SyndEntry e : feed.getEntries()) {
                links.add(e.getLink());
                links.add(e.getUri());
                e.getEnclosures().forEach(x -> links.add(x.getUrl()));
                for (Element a : Jsoup.parseBodyFragment(e.getContents().get(0).getValue()).select("a[href^=http://localhost]")) {
                    links.add(a.attr("href"));
                }
            }
        }
        assertThat(links).hasSizeGreaterThan(FeedController.ITEMS);
        for (String link : links) {
            assertThat(link).startsWith(http.base());
            assertThat(resolve(link)).as(link).isEqualTo(200);
        }
    }

    @Test
    void everyPageLinksTheSiteFeedsAndListPagesTheirOwn() {
        Section section = taxonomy.sections().get(0);
        for (String path : List.of("/", section.path(), "/search?q=x", "/popular")) {
            Document page = Jsoup.parse(http.get(path).body());
            assertThat(page.select("link[rel=alternate][type=application/rss+xml]").eachAttr("href")).as(path).contains("/feed");
            assertThat(page.select("link[rel=alternate][type=application/atom+xml]").eachAttr("href")).as(path)
                    .contains("/feed/atom");
        }
        Document sectionPage = Jsoup.parse(http.get(section.path()).body());
        assertThat(sectionPage.select("link[rel=alternate]").eachAttr("href"))
                .contains(section.path() + "/feed", section.path() + "/feed/atom");
        for (String href : sectionPage.select("link[rel=alternate]").eachAttr("href")) {
            assertThat(http.get(href).statusCode()).as(href).isEqualTo(200);
        }
    }

    // ---------------------------------------------------------------- sitemaps

    @Test
    void sitemapIndexAndItsSitemapsValidateAgainstTheSitemapsOrgSchemas() throws Exception {
        HttpResponse<String> index = http.get("/sitemap.xml");
        assertThat(index.statusCode()).isEqualTo(200);
        validate(index.body(), "siteindex.xsd");
        List<String> sitemaps = locs(index.body(), "sitemap");
        long total = articles.countPublished(null, null);
        assertThat(sitemaps).as("one per range of 150 ids that has a published article").filteredOn(s -> s.contains("sitemap-articles-"))
                .hasSize(articles.publishedIdRanges(150).size()).hasSizeGreaterThanOrEqualTo((int) ((total + 149) / 150));
        assertThat(sitemaps).contains(http.base() + "/sitemap-sections.xml", http.base() + "/sitemap-tags-1.xml");
        long urls = 0;
        for (String sitemap : sitemaps) {
            HttpResponse<String> response = http.get(sitemap);
            assertThat(response.statusCode()).as(sitemap).isEqualTo(200);
            validate(response.body(), "sitemap.xsd");
            List<String> locs = locs(response.body(), "url");
            assertThat(locs.size()).as(sitemap).isBetween(1, 150);
            if (sitemap.contains("sitemap-articles-")) {
                urls += locs.size();
            }
        }
        assertThat(urls).as("every published article once").isEqualTo(total);
    }

    @Test
    void everyUrlInTheSitemapsResolves() throws Exception {
        List<String> all = new ArrayList<>();
        for (String sitemap : locs(http.get("/sitemap.xml").body(), "sitemap")) {
            all.addAll(locs(http.get(sitemap).body(), "url"));
        }
        all.addAll(locs(http.get("/sitemap-news.xml").body(), "url"));
        assertThat(all).hasSizeGreaterThan(300);
        for (String url : all) {
            assertThat(url).startsWith(http.base());
            HttpResponse<String> response = http.get(url);
            assertThat(response.statusCode()).as(url).isEqualTo(200);
        }
    }

    @Test
    void articleLastmodIsWhenTheArticleLastChanged() {
        String seedPath = editing.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow().path();
        var seed = editing.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
        OffsetDateTime expected = seed.readerModifiedAt();
        boolean found = false;
        for (String sitemap : locs(http.get("/sitemap.xml").body(), "sitemap")) {
            Document xml = Jsoup.parse(http.get(sitemap).body(), "", Parser.xmlParser());
            for (Element url : xml.select("url")) {
                if (url.selectFirst("loc").text().equals(http.base() + seedPath)) {
                    assertThat(OffsetDateTime.parse(url.selectFirst("lastmod").text()).toInstant())
                            .isEqualTo(expected.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                    found = true;
                }
            }
        }
        assertThat(found).as("the seed is in an article sitemap").isTrue();
    }

    @Test
    void aPublishIsInTheSitemapIndexAndItsLastArticleSitemapAtOnce() {
        http.get("/sitemap.xml"); // the article sitemaps' boundaries are worked out and kept
        long id = imports.create(new ArticleDraft("خبر يدخل خريطة الموقع فوراً", "<p>نص الخبر.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        var article = editing.find(id).orElseThrow();

        Document index = Jsoup.parse(http.get("/sitemap.xml").body(), "", Parser.xmlParser());
        Element last = index.select("sitemap").stream().filter(e -> e.selectFirst("loc").text().contains("sitemap-articles-"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(OffsetDateTime.parse(last.selectFirst("lastmod").text()).toInstant())
                .isEqualTo(article.readerModifiedAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String lastSitemap = last.selectFirst("loc").text().substring(http.base().length());
        assertThat(locs(http.get(lastSitemap).body(), "url")).contains(http.base() + article.path());
    }

    private Element indexEntry(String sitemapPath) {
        Document index = Jsoup.parse(http.get("/sitemap.xml").body(), "", Parser.xmlParser());
        return index.select("sitemap").stream().filter(e -> e.selectFirst("loc").text().equals(http.base() + sitemapPath))
                .findFirst().orElse(null);
    }

    @Test
    void anUnpublishLeavesItsSitemapAtOnceAndAChangeRaisesItsSectionsAndTagsLastmod() {
        var section = taxonomy.ensureSection("قسم-خريطة-الموقع", "قسم خريطة الموقع", org.minbar.taxonomy.SectionKind.NEWS);
        var tag = taxonomy.ensureTag("وسم خريطة الموقع");
        long id = imports.create(new ArticleDraft("خبر يخرج من خريطة الموقع", "<p>نص الخبر.</p>", null,
                ArticleStatus.PUBLISHED, null, section.id(), List.of(tag.id()), List.of(), null, null, null));
        var article = editing.find(id).orElseThrow();
        String sitemap = "/sitemap-articles-" + ((id - 1) / 150 + 1) + ".xml";
        assertThat(locs(http.get(sitemap).body(), "url")).as("range %s holds id %s", sitemap, id).contains(http.base() + article.path());
        Document sections = Jsoup.parse(http.get("/sitemap-sections.xml").body(), "", Parser.xmlParser());
        Element sectionUrl = sections.select("url").stream().filter(u -> u.selectFirst("loc").text().endsWith(section.path()))
                .findFirst().orElseThrow();
        assertThat(OffsetDateTime.parse(sectionUrl.selectFirst("lastmod").text()).toInstant())
                .isEqualTo(article.readerModifiedAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(locs(http.get("/sitemap-tags-1.xml").body(), "url")).as("a new tag is listed").contains(http.base() + tag.path());

        java.time.Instant beforeUnpublish = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        workflow.unpublish(id);
        HttpResponse<String> after = http.get(sitemap);
        assertThat(after.statusCode() == 404 ? List.<String>of() : locs(after.body(), "url")).doesNotContain(http.base() + article.path());
        Element entry = indexEntry(sitemap);
        if (entry != null) { // the range still has other articles: it changed now
            assertThat(OffsetDateTime.parse(entry.selectFirst("lastmod").text()).toInstant()).isAfterOrEqualTo(
                    editing.find(id).orElseThrow().updatedAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        Document tagsAfter = Jsoup.parse(http.get("/sitemap-tags-1.xml").body(), "", Parser.xmlParser());
        Element tagUrl = tagsAfter.select("url").stream().filter(u -> u.selectFirst("loc").text().endsWith(tag.path()))
                .findFirst().orElseThrow();
        assertThat(OffsetDateTime.parse(tagUrl.selectFirst("lastmod").text()).toInstant()).as("its tag page changed with the unpublish")
                .isAfterOrEqualTo(beforeUnpublish);
    }

    @Test
    void aRangeWhoseOnlyArticleIsUnpublishedLeavesTheIndex() {
        http.get("/sitemap.xml"); // the aggregates are read and kept
        long id;
        do { // drafts (in no sitemap) up to the end of a range of 150 ids, then the range's first article
            id = imports.create(new ArticleDraft("مسودة تملأ المدى", "<p>نص.</p>", null, ArticleStatus.DRAFT, null, null,
                    List.of(), List.of(), null, null, null));
        } while (id % 150 != 0);
        long alone = imports.create(new ArticleDraft("الخبر الوحيد في مداه", "<p>نص.</p>", null, ArticleStatus.DRAFT, null, null,
                List.of(), List.of(), null, null, null));
        workflow.publish(alone);
        String sitemap = "/sitemap-articles-" + ((alone - 1) / 150 + 1) + ".xml";
        assertThat(indexEntry(sitemap)).as("listed once published").isNotNull();
        assertThat(locs(http.get(sitemap).body(), "url")).containsExactly(http.base() + editing.find(alone).orElseThrow().path());

        workflow.unpublish(alone);
        assertThat(indexEntry(sitemap)).as("its range has no published article left").isNull();
        assertThat(http.get(sitemap).statusCode()).isEqualTo(404);
    }

    @Test
    void newsSitemapListsArticlesOfTheLastTwoDaysOnly() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long fresh = imports.create(new ArticleDraft("خبر عاجل من الساعة الأخيرة", "<p>نص الخبر العاجل.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, now.minusHours(1)));
        long old = imports.create(new ArticleDraft("خبر نشر قبل تسع وأربعين ساعة", "<p>نص الخبر القديم.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, now.minusHours(49)));
        HttpResponse<String> response = http.get("/sitemap-news.xml");
        assertThat(response.statusCode()).isEqualTo(200);
        validate(response.body(), "sitemap.xsd", "sitemap-news.xsd");
        Document xml = Jsoup.parse(response.body(), "", Parser.xmlParser());
        List<String> locs = locs(response.body(), "url");
        assertThat(locs).contains(http.base() + editing.find(fresh).orElseThrow().path())
                .doesNotContain(http.base() + editing.find(old).orElseThrow().path());
        Element item = xml.select("url").stream().filter(u -> u.selectFirst("loc").text().contains("/news/" + fresh + "/"))
                .findFirst().orElseThrow();
        assertThat(item.getElementsByTag("news:language").text()).isEqualTo("ar");
        assertThat(item.getElementsByTag("news:name").text()).isEqualTo("منبر");
        assertThat(item.getElementsByTag("news:title").text()).isEqualTo("خبر عاجل من الساعة الأخيرة");
        assertThat(OffsetDateTime.parse(item.getElementsByTag("news:publication_date").text()).toInstant())
                .isEqualTo(now.minusHours(1).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(xml.select("url")).allSatisfy(u -> assertThat(OffsetDateTime.parse(
                u.getElementsByTag("news:publication_date").text())).isAfter(now.minusHours(48).minusMinutes(1)));
    }

    @Test
    void robotsTxtPointsToTheSitemaps() {
        HttpResponse<String> robots = http.get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(robots.body().lines()).contains("User-agent: *", "Sitemap: " + http.base() + "/sitemap.xml",
                "Sitemap: " + http.base() + "/sitemap-news.xml", "Disallow: /newsroom/");
    }

    // ---------------------------------------------------------------- helpers

    private static SyndFeed parse(String xml) throws Exception {
        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true);
        return input.build(new StringReader(xml));
    }

    private int resolve(String url) throws Exception {
        return following.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> locs(String xml, String element) {
        return Jsoup.parse(xml, "", Parser.xmlParser()).select(element + " > loc").eachText();
    }

    private static void validate(String xml, String... schemas) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Source[] sources = new Source[schemas.length];
        for (int i = 0; i < schemas.length; i++) {
            sources[i] = new StreamSource(FeedsAndSitemapsIntegrationTests.class.getResource("/schemas/" + schemas[i]).toString());
        }
        Schema schema = factory.newSchema(sources);
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
