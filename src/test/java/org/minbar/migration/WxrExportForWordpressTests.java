package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The export as WordPress's own importer (the wordpress-importer plugin) reads it. Every assertion
 * is something its parsers (WXR_Parser_SimpleXML, WXR_Parser_XML on raw "wp:" tag names, and the
 * line-by-line WXR_Parser_Regex) or WP_Import (author mapping, process_categories, process_posts,
 * post_exists, attachments and remap_featured_images) rely on; the properties were found by running
 * the three parsers on a Minbar export. The site is built for real: a WordPress import plus articles
 * with what tripped WordPress up (Arabic contributors, long Arabic slugs, shared and same-alt images).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "minbar.demo.load-on-first-start=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WxrExportForWordpressTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Damascus");
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern WP_DATE_TEXT = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    private static final String ZERO_DATE = "0000-00-00 00:00:00";
    /** What sanitize_user($login, true) keeps; anything else is dropped and the author is lost. */
    private static final Pattern WP_LOGIN = Pattern.compile("[A-Za-z0-9 _.\\-@]{1,60}");
    private static final Pattern WP_SLUG = Pattern.compile("(?:%[0-9a-f]{2}|[a-z0-9._*-])+");
    private static final Map<String, String> NAMESPACES = Map.of("wp", "http://wordpress.org/export/1.2/",
            "excerpt", "http://wordpress.org/export/1.2/excerpt/", "content", "http://purl.org/rss/1.0/modules/content/",
            "dc", "http://purl.org/dc/elements/1.1/", "wfw", "http://wellformedweb.org/CommentAPI/");
    /** The post fields WP_Import::process_posts() reads; the XML parser leaves out the ones a file lacks. */
    private static final List<String> POST_FIELDS = List.of("title", "guid", "dc:creator", "content:encoded", "excerpt:encoded",
            "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:comment_status", "wp:ping_status", "wp:post_name",
            "wp:status", "wp:post_parent", "wp:menu_order", "wp:post_type", "wp:post_password", "wp:is_sticky");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    WxrImporter importer;

    @Autowired
    WxrExporter exporter;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleImport imports;

    @Autowired
    TaxonomyService taxonomy;

    private Map<Long, Article> site;
    private List<String> lines;
    private Document xml;
    private XPath xpath;
    private long longSlugArticle;
    private String sharedImage;

    @BeforeAll
    void exportASite(@TempDir Path temp) throws Exception {
        importer.run(WxrReaderTests.fixture("site.xml"), new WxrImporter.Options(WxrReaderTests.fixture("uploads"), false),
                new WxrReport(), () -> { });
        sharedImage = all().stream().map(Article::leadImageUrl).filter(url -> url != null).findFirst().orElseThrow();
        Section section = taxonomy.sectionByName("سياسة سورية").orElseThrow();
        long tag = taxonomy.ensureTag("غزة").id();
        OffsetDateTime noon = OffsetDateTime.parse("2024-03-01T12:00:00+03:00");
        // A title whose slug is over 200 characters once percent-encoded, a body with "]]>", "&" and
        // a control character XML forbids, and an image another article leads with already.
        longSlugArticle = imports.create(new ArticleDraft("الأمم المتحدة & الهلال الأحمر يوزعان المساعدات على العائلات النازحة",
                "<p>نص يحوي ]]> و &amp; و\u0001 محرف تحكم.</p>", null, ArticleStatus.PUBLISHED, null, section.id(), List.of(tag),
                List.of(new Contributor("ليلى عبد الله", List.of(ContributorRole.WRITTEN)),
                        new Contributor("Reuters", List.of(ContributorRole.TRANSLATED))), sharedImage, null, noon));
        // Two images with the same alt text at the same minute, by two names that transliterate alike.
        imports.create(new ArticleDraft("قمة عربية", "<p>قمة.</p>", null, ArticleStatus.PUBLISHED, null, section.id(), List.of(),
                List.of(new Contributor("عمر", List.of(ContributorRole.WRITTEN))), "/media/2024/03/archive-1-640.jpg",
                "صورة أرشيفية", noon));
        imports.create(new ArticleDraft("اتفاق تجاري", "<p>اتفاق.</p>", null, ArticleStatus.PUBLISHED, null, null, List.of(),
                List.of(new Contributor("عُمر", List.of(ContributorRole.WRITTEN))), "/media/2024/03/archive-2-640.jpg",
                "صورة أرشيفية", noon));
        imports.create(new ArticleDraft("مسودة بلا صورة", "<p>مسودة.</p>", null, ArticleStatus.DRAFT, null, null, List.of(),
                List.of(), null, null, null));
        // One paragraph of 16 KB: longer than the lines the regex parser reads.
        imports.create(new ArticleDraft("تقرير طويل", "<p>" + "هذه فقرة طويلة عن الأوضاع <b>الاقتصادية</b> والسياسية في المنطقة. ".repeat(130)
                + "</p>", null, ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, noon.minusDays(1)));
        site = all().stream().collect(Collectors.toMap(Article::id, a -> a, (a, b) -> a, LinkedHashMap::new));

        Path file = temp.resolve("minbar.xml");
        assertThat(exporter.export(file)).isEqualTo(site.size());
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            xml = factory.newDocumentBuilder().parse(in);
        }
        xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new Prefixes());
    }

    @Test
    void wordpressFindsTheVersionAndBaseUrlsUnderItsOwnNamespacesAndPrefixes() throws Exception {
        Element rss = xml.getDocumentElement();
        assertThat(rss.getNamespaceURI()).isNull();
        assertThat(rss.getLocalName()).isEqualTo("rss");
        // SimpleXML takes the namespaces from the root element; the XML parser matches "wp:post_id" and
        // the like literally, so every element must use WordPress's prefix for its namespace.
        NAMESPACES.forEach((prefix, uri) -> assertThat(rss.getAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, prefix))
                .as("xmlns:" + prefix).isEqualTo(uri));
        Map<String, String> prefixOf = NAMESPACES.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        for (Element element : elements("//*")) {
            if (element.getNamespaceURI() != null) {
                assertThat(element.getPrefix()).as(element.getNodeName()).isEqualTo(prefixOf.get(element.getNamespaceURI()));
            }
        }
        assertThat(text("/rss/channel/wp:wxr_version")).isEqualTo("1.2");
        assertThat(text("/rss/channel/wp:base_site_url")).matches("https?://[^/\\s]+.*");
        assertThat(text("/rss/channel/wp:base_blog_url")).isEqualTo(text("/rss/channel/wp:base_site_url"));
    }

    @Test
    void everyContributorIsAnAuthorWithALoginWordpressKeepsAndPostsNameTheirAuthorByIt() throws Exception {
        Map<String, String> displayNames = new HashMap<>();
        Set<String> lowerCase = new HashSet<>();
        for (Element author : elements("/rss/channel/wp:author")) {
            String login = text(author, "wp:author_login");
            assertThat(login).matches(WP_LOGIN);
            assertThat(lowerCase.add(login.toLowerCase(Locale.ROOT))).as("login %s is unique", login).isTrue();
            assertThat(text(author, "wp:author_id")).matches("\\d+");
            displayNames.put(login, text(author, "wp:author_display_name"));
        }
        Set<String> contributors = site.values().stream().flatMap(a -> a.contributors().stream()).map(Contributor::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(displayNames.values())).isEqualTo(contributors).contains("ليلى عبد الله", "عمر", "عُمر");
        for (Element item : posts()) {
            Article article = article(item);
            String creator = text(item, "dc:creator");
            if (article.contributors().isEmpty()) {
                assertThat(creator).isEmpty();
            } else {
                assertThat(displayNames).containsKey(creator);
                assertThat(displayNames.get(creator)).isEqualTo(article.contributors().get(0).name());
            }
        }
    }

    @Test
    void sectionsComeParentsFirstNamedByNicenameAndKeepTheirHierarchy() throws Exception {
        Map<String, String> nameBySlug = new HashMap<>();
        Set<String> hierarchy = new TreeSet<>();
        for (Element category : elements("/rss/channel/wp:category")) {
            String nicename = text(category, "wp:category_nicename");
            String parent = text(category, "wp:category_parent");
            // process_categories() looks the parent up when it creates the child: it must come first.
            assertThat(parent.isEmpty() || nameBySlug.containsKey(parent)).as("parent %s of %s written before it", parent, nicename)
                    .isTrue();
            assertThat(nameBySlug.put(nicename, text(category, "wp:cat_name"))).as("nicename %s is unique", nicename).isNull();
            hierarchy.add(text(category, "wp:cat_name") + " < " + (parent.isEmpty() ? null : nameBySlug.get(parent)));
        }
        Map<Long, String> names = taxonomy.sections().stream().collect(Collectors.toMap(Section::id, Section::name));
        assertThat(hierarchy).isEqualTo(taxonomy.sections().stream().map(s -> s.name() + " < " + names.get(s.parentId()))
                .collect(Collectors.toCollection(TreeSet::new))).contains("سياسة سورية < سياسة", "سياسة < أخبار");

        Set<String> tagSlugs = new HashSet<>();
        for (Element tag : elements("/rss/channel/wp:tag")) {
            tagSlugs.add(text(tag, "wp:tag_slug"));
        }
        assertThat(elements("/rss/channel/wp:tag")).extracting(t -> text(t, "wp:tag_name"))
                .containsExactlyInAnyOrderElementsOf(taxonomy.allTags().stream().map(t -> t.name()).toList());
        for (Element term : elements("/rss/channel/item/category")) {
            String domain = term.getAttribute("domain");
            assertThat(domain).isIn("category", "post_tag");
            assertThat(domain.equals("category") ? nameBySlug.keySet() : tagSlugs).contains(term.getAttribute("nicename"));
        }
    }

    @Test
    void everyArticleIsAPostWithEveryFieldTheImporterReadsAndAStatusAndDatesWordpressKnows() throws Exception {
        Map<ArticleStatus, String> statuses = Map.of(ArticleStatus.PUBLISHED, "publish", ArticleStatus.DRAFT, "draft",
                ArticleStatus.SUBMITTED, "pending", ArticleStatus.SCHEDULED, "future", ArticleStatus.UNPUBLISHED, "private");
        Set<String> seen = new HashSet<>();
        Set<String> titleAndDate = new HashSet<>();
        for (Element item : elements("/rss/channel/item")) {
            for (String field : POST_FIELDS) {
                assertThat(elements(item, field)).as(field + " of item " + text(item, "wp:post_id")).hasSize(1);
            }
            assertThat(text(item, "wp:post_id")).matches("[1-9]\\d*");
            assertThat(seen.add(text(item, "wp:post_id"))).as("post_id is unique").isTrue();
            assertThat(text(item, "wp:post_type")).isIn("post", "attachment");
            assertThat(text(item, "wp:post_date")).matches(WP_DATE_TEXT);
            assertThat(text(item, "wp:post_date_gmt")).matches(WP_DATE_TEXT);
            // post_exists(title, date, type) skips an item that matches one already imported.
            assertThat(titleAndDate.add(text(item, "wp:post_type") + "|" + text(item, "title") + "|" + text(item, "wp:post_date")))
                    .as("title and date of item %s", text(item, "wp:post_id")).isTrue();
        }
        List<Element> posts = posts();
        assertThat(posts).hasSize(site.size());
        Set<String> written = new HashSet<>();
        for (Element post : posts) {
            Article article = article(post);
            String status = text(post, "wp:status");
            assertThat(status).isEqualTo(statuses.get(article.status()));
            written.add(status);
            assertThat(text(post, "title")).isEqualTo(article.title());
            // Long lines are broken at spaces, which reads the same in HTML.
            assertThat(text(post, "content:encoded").replace('\n', ' '))
                    .isEqualTo(WxrExporter.xmlChars(article.bodyHtml()).replace('\n', ' '));
            String gmt = text(post, "wp:post_date_gmt");
            if (article.publishedAt() == null) {
                // WordPress leaves a draft's date floating: a zero GMT date.
                assertThat(gmt).isEqualTo(ZERO_DATE);
            } else {
                OffsetDateTime at = LocalDateTime.parse(gmt, WP_DATE).atOffset(ZoneOffset.UTC);
                assertThat(at.toInstant()).isEqualTo(article.publishedAt().toInstant().truncatedTo(ChronoUnit.SECONDS));
                assertThat(LocalDateTime.parse(text(post, "wp:post_date"), WP_DATE).atZone(ZONE).toInstant()).isEqualTo(at.toInstant());
                // wp_insert_post() turns a past "future" into "publish" and a future "publish" into "future".
                assertThat(at.isAfter(OffsetDateTime.now())).as("future date of %s", status).isEqualTo(status.equals("future"));
            }
        }
        assertThat(written).containsExactlyInAnyOrder("publish", "draft", "pending", "future", "private");
    }

    @Test
    void leadImagesAreAttachmentsTheImporterCanFetchAndRemapAsFeaturedImages() throws Exception {
        Map<String, Element> attachments = new HashMap<>();
        for (Element item : elements("/rss/channel/item[wp:post_type='attachment']")) {
            attachments.put(text(item, "wp:post_id"), item);
            assertThat(text(item, "wp:status")).isEqualTo("inherit");
            assertThat(text(item, "wp:attachment_url")).matches("https?://[^/\\s]+/.+\\.[A-Za-z0-9]+");
            assertThat(text(item, "title")).isNotBlank();
            assertThat(text(item, "wp:post_date")).isNotBlank();
            assertThat(site).containsKey(Long.parseLong(text(item, "wp:post_parent")));
        }
        Map<Long, String> thumbnails = new HashMap<>();
        for (Element post : posts()) {
            String thumbnail = meta(post, "_thumbnail_id");
            Article article = article(post);
            assertThat(thumbnail != null).as("featured image of %s", article.title()).isEqualTo(article.leadImageUrl() != null);
            if (thumbnail != null) {
                // remap_featured_images() only remaps an id that was imported as a post of the file.
                assertThat(attachments).containsKey(thumbnail);
                assertThat(text(attachments.get(thumbnail), "wp:attachment_url")).endsWith(article.leadImageUrl());
                thumbnails.put(article.id(), thumbnail);
            }
        }
        assertThat(thumbnails.values().stream().distinct().count()).as("one attachment per image").isEqualTo(attachments.size());
        assertThat(thumbnails.get(longSlugArticle)).isEqualTo(thumbnails.values().stream()
                .filter(id -> text(attachments.get(id), "wp:attachment_url").endsWith(sharedImage)).findFirst().orElseThrow());
        Element archive = attachments.values().stream().filter(a -> text(a, "wp:attachment_url").endsWith("archive-1-640.jpg"))
                .findFirst().orElseThrow();
        assertThat(meta(archive, "_wp_attachment_image_alt")).isEqualTo("صورة أرشيفية");
    }

    @Test
    void slugsFitWordpressColumnsAndAMinbarImportKeepsTheWholeSlug() throws Exception {
        List<String> slugs = new ArrayList<>();
        slugs.addAll(texts("/rss/channel/item/wp:post_name"));
        slugs.addAll(texts("/rss/channel/wp:category/wp:category_nicename"));
        slugs.addAll(texts("/rss/channel/wp:tag/wp:tag_slug"));
        for (Element term : elements("/rss/channel/item/category")) {
            slugs.add(term.getAttribute("nicename"));
        }
        for (String slug : slugs) {
            assertThat(slug).matches(WP_SLUG).hasSizeLessThanOrEqualTo(200);
            assertThat(decodesToUtf8(slug)).as("%s decodes to whole characters", slug).isTrue();
        }
        Article article = site.get(longSlugArticle);
        Element post = posts().stream().filter(p -> article(p).id() == longSlugArticle).findFirst().orElseThrow();
        String postName = text(post, "wp:post_name");
        assertThat(WxrExporter.nicename(article.slug()).length()).isLessThan(
                URLEncoder.encode(article.slug(), StandardCharsets.UTF_8).length());
        assertThat(article.slug()).startsWith(URLDecoder.decode(postName, StandardCharsets.UTF_8));
        assertThat(meta(post, WxrExporter.SLUG_META)).isEqualTo(article.slug());
    }

    @Test
    void freeTextIsCdataAndTheLayoutSuitsTheLineByLineParser() throws Exception {
        // The XML parser dropped the blank around an entity ("a &amp; b" read "a &b") and the regex
        // parser does not decode entities at all: WordPress writes free text as CDATA.
        for (String path : List.of("/rss/channel/item/title", "/rss/channel/item/dc:creator", "/rss/channel/item/content:encoded",
                "/rss/channel/item/excerpt:encoded", "/rss/channel/item/category", "/rss/channel/item/wp:postmeta/wp:meta_value",
                "/rss/channel/wp:author/wp:author_login", "/rss/channel/wp:author/wp:author_display_name",
                "/rss/channel/wp:category/wp:cat_name", "/rss/channel/wp:tag/wp:tag_name")) {
            for (Element element : elements(path)) {
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    assertThat(child.getNodeType()).as("%s holds CDATA", path).isEqualTo(Node.CDATA_SECTION_NODE);
                }
            }
        }
        // WXR_Parser_Regex reads line by line: the version on a line, each base URL on a line of its
        // own (it skips the rest of that line), each author on one line, and <item> ending its line
        // (text after it on the same line lost its line break).
        assertThat(lines).filteredOn(l -> l.matches("\\s*<wp:wxr_version>\\d+\\.\\d+</wp:wxr_version>\\s*")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.contains("<wp:base_site_url>"))
                .singleElement().asString().matches("\\s*<wp:base_site_url>https?://[^<]+</wp:base_site_url>\\s*");
        assertThat(lines).filteredOn(l -> l.contains("<wp:base_blog_url>"))
                .singleElement().asString().matches("\\s*<wp:base_blog_url>https?://[^<]+</wp:base_blog_url>\\s*");
        List<String> authorLines = lines.stream().filter(l -> l.contains("<wp:author>")).toList();
        assertThat(authorLines).hasSize(elements("/rss/channel/wp:author").size())
                .allSatisfy(l -> assertThat(l).matches("\\s*<wp:author>.*</wp:author>\\s*"));
        assertThat(lines.stream().filter(l -> l.contains("<item>"))).hasSize(elements("/rss/channel/item").size())
                .allSatisfy(l -> assertThat(l.strip()).isEqualTo("<item>"));
        assertThat(lines.stream().filter(l -> l.contains("</item>"))).allSatisfy(l -> assertThat(l.strip()).isEqualTo("</item>"));
        for (String tag : List.of("wp:category", "wp:tag")) {
            assertThat(lines.stream().filter(l -> l.contains("<" + tag + ">")))
                    .allSatisfy(l -> assertThat(l.strip()).matches("<" + tag + ">(.*</" + tag + ">)?"));
        }
        // It reads lines of at most 8191 bytes (fgets) and breaks longer ones anywhere, even inside a letter.
        assertThat(site.values().stream().mapToInt(a -> a.bodyHtml().getBytes(StandardCharsets.UTF_8).length).max().orElseThrow())
                .isGreaterThan(8192);
        assertThat(lines).allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThan(8191));
        // Its term pattern: domain then nicename, double quotes, a non-empty name.
        String file = String.join("\n", lines);
        Matcher terms = Pattern.compile("<category domain=\"([^\"]+?)\" nicename=\"([^\"]+?)\">(.+?)</category>").matcher(file);
        int found = 0;
        while (terms.find()) {
            found++;
        }
        assertThat(found).isEqualTo(elements("/rss/channel/item/category").size()).isPositive();
        // Its field lookup is "<wp:post_date.*?>" and would take post_date_gmt if it came first.
        assertThat(file.indexOf("<wp:post_date>")).isLessThan(file.indexOf("<wp:post_date_gmt>"));
    }

    private List<Article> all() {
        return editing.newsroomList(null, null, null, null, 1000, 0).stream().map(row -> editing.find(row.id()).orElseThrow())
                .toList();
    }

    private List<Element> posts() throws Exception {
        return elements("/rss/channel/item[wp:post_type='post']");
    }

    private Article article(Element post) {
        Article article = site.get(Long.parseLong(text(post, "wp:post_id")));
        assertThat(article).as("post %s is a Minbar article", text(post, "wp:post_id")).isNotNull();
        return article;
    }

    private String meta(Element item, String key) {
        for (Element meta : elements(item, "wp:postmeta")) {
            if (text(meta, "wp:meta_key").equals(key)) {
                return text(meta, "wp:meta_value");
            }
        }
        return null;
    }

    private List<Element> elements(String path) throws Exception {
        return list((NodeList) xpath.evaluate(path, xml, XPathConstants.NODESET));
    }

    private List<Element> elements(Element parent, String path) {
        try {
            return list((NodeList) xpath.evaluate(path, parent, XPathConstants.NODESET));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> texts(String path) throws Exception {
        return elements(path).stream().map(Node::getTextContent).toList();
    }

    private String text(String path) throws Exception {
        return xpath.evaluate(path, xml);
    }

    private String text(Element parent, String path) {
        List<Element> found = elements(parent, path);
        assertThat(found).as(path).hasSize(1);
        return found.get(0).getTextContent();
    }

    private static List<Element> list(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static boolean decodesToUtf8(String slug) {
        if (slug.matches(".*%[0-9a-f]?$")) {
            return false;
        }
        byte[] bytes = URLDecoder.decode(slug, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static final class Prefixes implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return NAMESPACES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return null;
        }
    }
}
