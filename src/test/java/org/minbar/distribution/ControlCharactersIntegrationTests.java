package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.minbar.system.SiteIdentity;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xml.sax.InputSource;

/**
 * Characters XML 1.0 does not allow (every C0 control but TAB, LF and CR) and the Unicode bidi
 * overrides, typed into a title, a section, a tag, the site name and a byline through the newsroom's
 * forms (and through the importers' path): they are removed on input, so every feed and sitemap
 * stays well-formed and valid, and the article page shows the title without them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.admin.initial-password=control-admin-password-1"})
class ControlCharactersIntegrationTests {

    /**
     * Every C0 control XML 1.0 forbids, every bidi embedding, override and isolate, U+FFFE and U+FFFF
     * (a lone surrogate is added where no HTTP form encodes it away).
     */
    static final String DIRTY = dirty();
    static final String BIDI = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    /** The same without VT and FF: the bylines field is one contributor a line, and those are line breaks. */
    static final String ONE_LINE = DIRTY.replace("\u000B", "").replace("\u000C", "");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleImport imports;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    SiteIdentity identity;

    static String dirty() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                s.append(c);
            }
        }
        return s.append("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFFFE\uFFFF").toString();
    }

    /** A character XML 1.0 forbids, or a bidi embedding, override or isolate (which titles and names lose). */
    static boolean hasForbidden(String text) {
        return hasXmlForbidden(text) || text.codePoints().anyMatch(cp -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
    }

    /** A character XML 1.0 forbids (bodies keep bidi controls: mixed-direction text may use them). */
    static boolean hasXmlForbidden(String text) {
        return text.codePoints().anyMatch(cp -> (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE
                || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF));
    }

    @Test
    void controlCharactersTypedIntoTheNewsroomNeverReachTheFeedsOrSitemaps() throws Exception {
        Session admin = new Session(port);
        assertThat(admin.login("admin", "control-admin-password-1").statusCode()).isEqualTo(302);
        admin.get("/newsroom/settings");
        assertThat(admin.post("/newsroom/settings", "name", "منبر" + DIRTY + " الحر", "tagline", "أخبار" + DIRTY)
                .statusCode()).isEqualTo(302);
        assertThat(identity.name()).isEqualTo("منبر الحر");
        assertThat(identity.tagline()).isEqualTo("أخبار");

        admin.get("/newsroom/taxonomy");
        assertThat(admin.post("/newsroom/sections", "name", "تحقيقات" + DIRTY + " خاصة").statusCode()).isEqualTo(302);
        admin.get("/newsroom/taxonomy");
        assertThat(admin.post("/newsroom/tags", "name", "انتخابات" + DIRTY + " ٢٠٢٦").statusCode()).isEqualTo(302);
        Section section = taxonomy.sectionByName("تحقيقات خاصة").orElseThrow();
        Tag tag = taxonomy.allTags().stream().filter(t -> t.name().equals("انتخابات ٢٠٢٦")).findFirst().orElseThrow();

        admin.get("/newsroom/users");
        admin.post("/newsroom/users", "username", "ctrl-writer", "displayName", "كاتب" + DIRTY + " التحكم", "role", "WRITER");
        String usersPage = admin.get("/newsroom/users").body();
        assertThat(usersPage).contains("كاتب التحكم");
        assertThat(hasForbidden(usersPage)).as("the users page").isFalse();

        // An article written and published in the newsroom, with the characters in every field.
        admin.get("/newsroom/articles/new");
        HttpResponse<String> created = admin.post("/newsroom/articles", "title", "عنوان" + DIRTY + " أول",
                "sectionId", Long.toString(section.id()));
        assertThat(created.statusCode()).isEqualTo(302);
        Matcher m = Pattern.compile("/newsroom/articles/(\\d+)$").matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        long written = Long.parseLong(m.group(1));
        String version = Jsoup.parse(admin.get("/newsroom/articles/" + written).body()).selectFirst("input[name=version]").val();
        HttpResponse<String> saved = admin.post("/newsroom/articles/" + written, "version", version,
                "title", "خبر" + DIRTY + " من غرفة الأخبار", "body", "<p>فقرة" + DIRTY + " أولى.</p><h2>عنوان" + DIRTY + " فرعي&#1;</h2>",
                "excerpt", "ملخص" + DIRTY + " الخبر", "sourceLabel", "منبر" + DIRTY + "-خاص",
                "sectionId", Long.toString(section.id()), "tags", "انتخابات ٢٠٢٦، وسم" + DIRTY + " جديد",
                "contributors", "كاتبة" + ONE_LINE + " الخبر: كتابة", "seoTitle", "عنوان" + DIRTY + " البحث",
                "seoDescription", "وصف" + DIRTY + " البحث", "autoReadAlso", "true");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        admin.get("/newsroom/articles/" + written);
        assertThat(admin.post("/newsroom/articles/" + written + "/workflow", "step", "publish").statusCode()).isEqualTo(302);

        // The importers' path (import-text, WXR): a published draft straight into the article service.
        long imported = imports.create(new ArticleDraft("مقال" + DIRTY + "\uD800 مستورد", "<p>نص" + DIRTY + " مستورد.</p>",
                "ملخص" + DIRTY, ArticleStatus.PUBLISHED, "مصدر" + DIRTY, section.id(), List.of(tag.id()),
                List.of(new Contributor("مترجم" + DIRTY, List.of(ContributorRole.TRANSLATED))), null, null,
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));

        Article fromNewsroom = editing.find(written).orElseThrow();
        assertThat(fromNewsroom.published()).isTrue();
        assertThat(fromNewsroom.title()).isEqualTo("خبر من غرفة الأخبار");
        assertThat(fromNewsroom.excerpt()).isEqualTo("ملخص الخبر");
        assertThat(fromNewsroom.sourceLabel()).isEqualTo("منبر-خاص");
        assertThat(fromNewsroom.seoTitle()).isEqualTo("عنوان البحث");
        assertThat(fromNewsroom.seoDescription()).isEqualTo("وصف البحث");
        assertThat(fromNewsroom.contributors()).extracting(Contributor::name).containsExactly("كاتبة الخبر");
        assertThat(fromNewsroom.bodyHtml()).isEqualTo("<p>فقرة" + BIDI + " أولى.</p><h2>عنوان" + BIDI + " فرعي</h2>");
        assertThat(taxonomy.tags(fromNewsroom.tagIds())).extracting(Tag::name).containsExactlyInAnyOrder("انتخابات ٢٠٢٦", "وسم جديد");
        Article fromImport = editing.find(imported).orElseThrow();
        assertThat(fromImport.title()).isEqualTo("مقال مستورد");
        assertThat(fromImport.slug()).isEqualTo("مقال-مستورد");
        assertThat(fromImport.bodyHtml()).isEqualTo("<p>نص" + BIDI + " مستورد.</p>");
        for (Article a : List.of(fromNewsroom, fromImport)) {
            assertThat(hasForbidden(a.title() + a.slug() + a.excerpt() + a.sourceLabel() + a.contributors()))
                    .as("stored article %d", a.id()).isFalse();
            assertThat(hasXmlForbidden(a.bodyHtml())).as("stored body %d", a.id()).isFalse();
        }

        // The article page shows the title without the characters.
        for (Article a : List.of(fromNewsroom, fromImport)) {
            HttpResponse<String> page = new Http(port).get(a.path());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).selectFirst("#article-title").text()).isEqualTo(a.title());
            assertThat(hasXmlForbidden(page.body())).as("the article page").isFalse();
        }

        Http http = new Http(port);
        List<String> feeds = List.of("/feed", "/feed/atom", section.path() + "/feed", section.path() + "/feed/atom",
                tag.path() + "/feed", tag.path() + "/feed/atom");
        for (String path : feeds) {
            String xml = wellFormed(http, path);
            SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
            assertThat(feed.getTitle()).as(path).contains("منبر الحر");
            assertThat(feed.getEntries()).as(path).extracting(e -> e.getTitle()).contains("مقال مستورد");
        }
        assertThat(new SyndFeedInput().build(new StringReader(wellFormed(http, "/feed"))).getEntries())
                .extracting(e -> e.getTitle()).contains("خبر من غرفة الأخبار");

        String index = wellFormed(http, "/sitemap.xml");
        validate(index, "siteindex.xsd");
        List<String> sitemaps = Jsoup.parse(index, "", org.jsoup.parser.Parser.xmlParser()).select("sitemap > loc").eachText();
        assertThat(sitemaps).hasSizeGreaterThanOrEqualTo(3);
        for (String sitemap : sitemaps) {
            validate(wellFormed(http, sitemap), "sitemap.xsd");
        }
        String news = wellFormed(http, "/sitemap-news.xml");
        validate(news, "sitemap.xsd", "sitemap-news.xsd");
        assertThat(news).contains("<news:name>منبر الحر</news:name>").contains("<news:title>مقال مستورد</news:title>");
        HttpResponse<String> robots = http.get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(hasForbidden(robots.body())).isFalse();
    }

    /** GETs an XML document, checks 200 and parses it with a real (namespace-aware) XML parser. */
    private static String wellFormed(Http http, String path) throws Exception {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(response.body())));
        assertThat(hasXmlForbidden(response.body())).as(path).isFalse();
        return response.body();
    }

    private static void validate(String xml, String... schemas) throws Exception {
        List<Source> sources = new ArrayList<>();
        for (String schema : schemas) {
            sources.add(new StreamSource(ControlCharactersIntegrationTests.class.getResource("/schemas/" + schema).toString()));
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources.toArray(Source[]::new)).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }
}
