package org.minbar.migration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.system.SiteAddress;
import org.minbar.system.SiteIdentity;
import org.minbar.system.SystemProperties;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.stereotype.Service;

/**
 * Writes the whole site as WXR 1.2, the format of WordPress's own exporter and importer: every
 * article in any status, sections (parents first), tags and contributors. Articles are read a page
 * at a time and the XML is streamed, so memory does not grow with the archive. What WordPress's
 * importer (the wordpress-importer plugin and its three parsers) needs from the file is pinned down
 * by {@code WxrExportForWordpressTests}.
 */
@Service
class WxrExporter {

    static final String WP = "http://wordpress.org/export/1.2/";
    static final String EXCERPT = "http://wordpress.org/export/1.2/excerpt/";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String WFW = "http://wellformedweb.org/CommentAPI/";
    /** Post meta with the whole slug when WordPress's 200-character limit cut post_name, so a Minbar round trip keeps it. */
    static final String SLUG_META = "_minbar_slug";
    /** Featured images get attachment ids above every article id. */
    static final long ATTACHMENT_ID_OFFSET = 1_000_000_000L;

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final String ZERO_DATE = "0000-00-00 00:00:00";
    /** WordPress's post_name and term slug columns hold 200 characters. */
    private static final int MAX_SLUG = 200;
    private static final int PAGE = 200;
    /** Bytes after which a body line is broken at the next space: well below the regex parser's 8191. */
    private static final int WRAP_AT = 6000;
    /** Arabic (and Persian) letters in Latin, for logins; NFKD has already split hamza and madda off their carriers. */
    private static final Map<Character, String> ARABIC_LATIN = Map.ofEntries(Map.entry('\u0627', "a"), Map.entry('\u0671', "a"),
            Map.entry('\u0628', "b"), Map.entry('\u062A', "t"), Map.entry('\u062B', "th"), Map.entry('\u062C', "j"),
            Map.entry('\u062D', "h"), Map.entry('\u062E', "kh"), Map.entry('\u062F', "d"), Map.entry('\u0630', "dh"),
            Map.entry('\u0631', "r"), Map.entry('\u0632', "z"), Map.entry('\u0633', "s"), Map.entry('\u0634', "sh"),
            Map.entry('\u0635', "s"), Map.entry('\u0636', "d"), Map.entry('\u0637', "t"), Map.entry('\u0638', "z"),
            Map.entry('\u0639', "a"), Map.entry('\u063A', "gh"), Map.entry('\u0641', "f"), Map.entry('\u0642', "q"),
            Map.entry('\u0643', "k"), Map.entry('\u0644', "l"), Map.entry('\u0645', "m"), Map.entry('\u0646', "n"),
            Map.entry('\u0647', "h"), Map.entry('\u0648', "w"), Map.entry('\u064A', "y"), Map.entry('\u0649', "a"),
            Map.entry('\u0629', "a"), Map.entry('\u067E', "p"), Map.entry('\u0686', "ch"), Map.entry('\u0698', "zh"),
            Map.entry('\u06A4', "v"), Map.entry('\u06AF', "g"), Map.entry('\u06A9', "k"), Map.entry('\u06CC', "y"));

    private final ArticleEditing editing;
    private final TaxonomyService taxonomy;
    private final SiteAddress site;
    private final SiteIdentity identity;
    private final ZoneId zone;

    WxrExporter(ArticleEditing editing, TaxonomyService taxonomy, SiteAddress site,
            SiteIdentity identity, SystemProperties properties) {
        this.editing = editing;
        this.taxonomy = taxonomy;
        this.site = site;
        this.identity = identity;
        this.zone = properties.site().timeZone();
    }

    /** Writes the export to {@code file} (through a temporary file, so a failure leaves no half file); returns the article count. */
    int export(Path file) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".wxr-", ".tmp");
        try {
            int count;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                count = write(out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            return count;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    int write(OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            int count = write(xml);
            xml.close();
            return count;
        } catch (XMLStreamException e) {
            throw new IOException("Cannot write the export: " + e.getMessage(), e);
        }
    }

    private int write(XMLStreamWriter xml) throws XMLStreamException {
        String base = site.baseUrl().replaceAll("/+$", "");
        List<Long> ids = allIds();
        // The layout follows WordPress's own exporter, one element a line: the importer's fallback
        // parser (WXR_Parser_Regex) reads the file line by line and only finds a <wp:author> that is
        // on one line, an <item> whose opening tag ends its line, and base URLs on lines of their own.
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("rss");
        xml.writeAttribute("version", "2.0");
        xml.writeNamespace("excerpt", EXCERPT);
        xml.writeNamespace("content", CONTENT);
        xml.writeNamespace("wfw", WFW);
        xml.writeNamespace("dc", DC);
        xml.writeNamespace("wp", WP);
        xml.writeCharacters("\n\n");
        xml.writeStartElement("channel");
        text(xml, 1, null, "title", identity.name());
        text(xml, 1, null, "link", base);
        text(xml, 1, null, "description", identity.tagline());
        text(xml, 1, null, "language", "ar");
        text(xml, 1, WP, "wxr_version", "1.2");
        text(xml, 1, WP, "base_site_url", base);
        text(xml, 1, WP, "base_blog_url", base);
        xml.writeCharacters("\n");

        // Authors: every contributor named on an article, found a page at a time.
        Map<String, String> logins = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        forEachArticle(ids, article -> article.contributors().forEach(c -> logins.computeIfAbsent(c.name(),
                name -> uniqueLogin(name, taken))));
        int authorId = 0;
        for (Map.Entry<String, String> author : logins.entrySet()) {
            xml.writeCharacters("\n\t");
            xml.writeStartElement("wp", "author", WP);
            text(xml, -1, WP, "author_id", Integer.toString(++authorId));
            cdata(xml, -1, WP, "author_login", author.getValue());
            cdata(xml, -1, WP, "author_email", "");
            cdata(xml, -1, WP, "author_display_name", author.getKey());
            cdata(xml, -1, WP, "author_first_name", "");
            cdata(xml, -1, WP, "author_last_name", "");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        Map<Long, Section> sections = taxonomy.sectionsById();
        for (Section section : parentsFirst(sections)) {
            xml.writeCharacters("\n\t");
            xml.writeStartElement("wp", "category", WP);
            text(xml, 2, WP, "term_id", Long.toString(section.id()));
            cdata(xml, 2, WP, "category_nicename", nicename(section.slug()));
            Section parent = section.parentId() == null ? null : sections.get(section.parentId());
            cdata(xml, 2, WP, "category_parent", parent == null ? "" : nicename(parent.slug()));
            cdata(xml, 2, WP, "cat_name", section.name());
            end(xml, 1);
        }
        for (Tag tag : taxonomy.allTags()) {
            xml.writeCharacters("\n\t");
            xml.writeStartElement("wp", "tag", WP);
            text(xml, 2, WP, "term_id", Long.toString(tag.id()));
            cdata(xml, 2, WP, "tag_slug", nicename(tag.slug()));
            cdata(xml, 2, WP, "tag_name", tag.name());
            end(xml, 1);
        }
        xml.writeCharacters("\n");
        Map<Long, Tag> tagCache = new HashMap<>();
        Map<String, Long> attachments = new HashMap<>();
        XmlFailure failure = new XmlFailure();
        forEachArticle(ids, article -> {
            if (failure.error == null) {
                try {
                    item(xml, base, article, sections, tagCache, logins, attachments, article.featured());
                } catch (XMLStreamException e) {
                    failure.error = e;
                }
            }
        });
        if (failure.error != null) {
            throw failure.error;
        }
        end(xml, 0);
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        return ids.size();
    }

    private static final class XmlFailure {
        XMLStreamException error;
    }

    private void item(XMLStreamWriter xml, String base, Article article, Map<Long, Section> sections, Map<Long, Tag> tagCache,
            Map<String, String> logins, Map<String, Long> attachments, boolean sticky) throws XMLStreamException {
        OffsetDateTime date = article.publishedAt() != null ? article.publishedAt() : article.createdAt();
        String creator = article.contributors().isEmpty() ? "" : logins.get(article.contributors().get(0).name());
        String postDate = WP_DATE.format(date.atZoneSameInstant(zone));
        // A draft's date floats until it is published: WordPress writes a zero GMT date for it.
        String postDateGmt = article.publishedAt() == null ? ZERO_DATE
                : WP_DATE.format(article.publishedAt().withOffsetSameInstant(ZoneOffset.UTC));
        Long attachmentId = null;
        if (article.leadImageUrl() != null && !article.leadImageUrl().isBlank()) {
            String url = article.leadImageUrl().startsWith("/") ? base + article.leadImageUrl() : article.leadImageUrl();
            attachmentId = attachments.get(url);
            if (attachmentId == null) {
                // WordPress wants a featured image as an attachment item of its own; an image led by
                // several articles is one attachment, as in WordPress's media library.
                attachmentId = ATTACHMENT_ID_OFFSET + article.id();
                attachments.put(url, attachmentId);
                attachment(xml, url, attachmentId, article, creator, date, postDate);
            }
        }
        xml.writeCharacters("\n\t");
        xml.writeStartElement("item");
        cdata(xml, 2, null, "title", article.title());
        text(xml, 2, null, "link", base + article.path());
        text(xml, 2, null, "pubDate", RFC_822.format(date));
        cdata(xml, 2, DC, "creator", creator);
        guid(xml, base + "/news/" + article.id());
        text(xml, 2, null, "description", "");
        cdata(xml, 2, CONTENT, "encoded", wrapLongLines(article.bodyHtml()));
        cdata(xml, 2, EXCERPT, "encoded", article.excerpt() == null ? "" : article.excerpt());
        text(xml, 2, WP, "post_id", Long.toString(article.id()));
        cdata(xml, 2, WP, "post_date", postDate);
        cdata(xml, 2, WP, "post_date_gmt", postDateGmt);
        // What readers last saw change (an import keeps it as the article's modified date); a draft's last save.
        OffsetDateTime modified = article.readerModifiedAt() != null ? article.readerModifiedAt() : article.updatedAt();
        cdata(xml, 2, WP, "post_modified", WP_DATE.format(modified.atZoneSameInstant(zone)));
        cdata(xml, 2, WP, "post_modified_gmt", WP_DATE.format(modified.withOffsetSameInstant(ZoneOffset.UTC)));
        cdata(xml, 2, WP, "comment_status", "closed");
        cdata(xml, 2, WP, "ping_status", "closed");
        cdata(xml, 2, WP, "post_name", nicename(article.slug()));
        text(xml, 2, WP, "status", status(article.status()));
        text(xml, 2, WP, "post_parent", "0");
        text(xml, 2, WP, "menu_order", "0");
        text(xml, 2, WP, "post_type", "post");
        cdata(xml, 2, WP, "post_password", "");
        text(xml, 2, WP, "is_sticky", sticky ? "1" : "0");
        Section section = article.sectionId() == null ? null : sections.get(article.sectionId());
        if (section != null) {
            term(xml, "category", section.slug(), section.name());
        }
        List<Long> missingTags = article.tagIds().stream().filter(id -> !tagCache.containsKey(id)).toList();
        taxonomy.tags(missingTags).forEach(t -> tagCache.put(t.id(), t));
        for (Long tagId : article.tagIds()) {
            Tag tag = tagCache.get(tagId);
            if (tag != null) {
                term(xml, "post_tag", tag.slug(), tag.name());
            }
        }
        if (!article.contributors().isEmpty()) {
            meta(xml, WxrImporter.CONTRIBUTORS_META, article.contributors().stream().map(WxrExporter::contributorLine)
                    .collect(Collectors.joining("\n")));
        }
        if (attachmentId != null) {
            meta(xml, "_thumbnail_id", Long.toString(attachmentId));
        }
        if (!nicename(article.slug()).equals(encoded(article.slug()))) {
            meta(xml, SLUG_META, article.slug());
        }
        end(xml, 1);
        xml.writeCharacters("\n");
    }

    /**
     * An attachment item with every field WordPress's importer reads. Its title is the file name, as
     * WordPress names uploads: the importer skips an item whose title, date and type match one already
     * imported, and with no title and no date every attachment after the first would match the first.
     */
    private void attachment(XMLStreamWriter xml, String url, long id, Article article, String creator, OffsetDateTime date,
            String postDate) throws XMLStreamException {
        String file = url.replaceFirst("[?#].*$", "").replaceFirst("^.*/", "");
        String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        xml.writeCharacters("\n\t");
        xml.writeStartElement("item");
        cdata(xml, 2, null, "title", name);
        text(xml, 2, null, "link", url);
        text(xml, 2, null, "pubDate", RFC_822.format(date));
        cdata(xml, 2, DC, "creator", creator);
        guid(xml, url);
        text(xml, 2, null, "description", "");
        cdata(xml, 2, CONTENT, "encoded", "");
        cdata(xml, 2, EXCERPT, "encoded", "");
        text(xml, 2, WP, "post_id", Long.toString(id));
        cdata(xml, 2, WP, "post_date", postDate);
        cdata(xml, 2, WP, "post_date_gmt", WP_DATE.format(date.withOffsetSameInstant(ZoneOffset.UTC)));
        cdata(xml, 2, WP, "comment_status", "closed");
        cdata(xml, 2, WP, "ping_status", "closed");
        cdata(xml, 2, WP, "post_name", nicename(name));
        text(xml, 2, WP, "status", "inherit");
        text(xml, 2, WP, "post_parent", Long.toString(article.id()));
        text(xml, 2, WP, "menu_order", "0");
        text(xml, 2, WP, "post_type", "attachment");
        cdata(xml, 2, WP, "post_password", "");
        text(xml, 2, WP, "is_sticky", "0");
        cdata(xml, 2, WP, "attachment_url", url);
        meta(xml, "_wp_attached_file", article.leadImageUrl().replaceFirst("^.*?/media/", ""));
        if (article.leadImageAlt() != null && !article.leadImageAlt().isBlank()) {
            meta(xml, "_wp_attachment_image_alt", article.leadImageAlt());
        }
        end(xml, 1);
        xml.writeCharacters("\n");
    }

    private static String contributorLine(Contributor contributor) {
        return contributor.name() + "|" + contributor.roles().stream().map(ContributorRole::code).collect(Collectors.joining(","));
    }

    /**
     * A WordPress login for a contributor. WordPress keeps only ASCII letters, digits and
     * {@code _.-@} of a login (sanitize_user, strict) and maps posts to authors by that, so an
     * Arabic name kept as the login would become empty and every post would go to the importing
     * user. Arabic letters are transliterated; the name itself goes in author_display_name.
     */
    static String login(String name) {
        String decomposed = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (Character.isDigit(c)) {
                out.append(Character.digit(c, 10));
            } else if (ARABIC_LATIN.containsKey(c)) {
                out.append(ARABIC_LATIN.get(c));
            } else if (Character.isWhitespace(c) || c == '-' || c == '_' || c == '.') {
                out.append('-');
            }
        }
        String login = out.toString().replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return login.length() > 50 ? login.substring(0, 50).replaceAll("-$", "") : login;
    }

    private static String uniqueLogin(String name, Set<String> taken) {
        String base = login(name);
        if (base.isEmpty()) {
            base = "author";
        }
        String login = base;
        for (int n = 2; !taken.add(login); n++) {
            login = base + "-" + n;
        }
        return login;
    }

    static String status(ArticleStatus status) {
        return switch (status) {
            case PUBLISHED -> "publish";
            case DRAFT -> "draft";
            case SUBMITTED -> "pending";
            case SCHEDULED -> "future";
            case UNPUBLISHED -> "private";
        };
    }

    private List<Long> allIds() {
        List<Long> ids = new ArrayList<>();
        for (List<Long> batch = editing.idsAfter(0, PAGE); !batch.isEmpty(); batch = editing.idsAfter(batch.get(batch.size() - 1), PAGE)) {
            ids.addAll(batch);
        }
        return ids;
    }

    private void forEachArticle(List<Long> ids, java.util.function.Consumer<Article> action) {
        for (Long id : ids) {
            editing.find(id).ifPresent(action);
        }
    }

    private static List<Section> parentsFirst(Map<Long, Section> sections) {
        List<Section> ordered = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        while (ordered.size() < sections.size()) {
            int before = ordered.size();
            for (Section s : sections.values()) {
                if (!placed.contains(s.id()) && (s.parentId() == null || placed.contains(s.parentId())
                        || !sections.containsKey(s.parentId()))) {
                    ordered.add(s);
                    placed.add(s.id());
                }
            }
            if (ordered.size() == before) {
                // A cycle: write the rest anyway.
                sections.values().stream().filter(s -> !placed.contains(s.id())).forEach(ordered::add);
                break;
            }
        }
        return ordered;
    }

    /**
     * A slug as WordPress stores it: non-ASCII percent-encoded in lower case, at most 200
     * characters, cut between characters (WordPress's sanitize_title cuts anything longer at 200,
     * which could leave half a character or half an escape in the slug).
     */
    static String nicename(String slug) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < slug.length(); ) {
            int codePoint = slug.codePointAt(i);
            String encoded = encoded(new String(Character.toChars(codePoint)));
            if (out.length() + encoded.length() > MAX_SLUG) {
                break;
            }
            out.append(encoded);
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").toLowerCase(Locale.ROOT);
    }

    private static void term(XMLStreamWriter xml, String domain, String slug, String name) throws XMLStreamException {
        // The regex parser matches exactly <category domain="..." nicename="...">, in that order.
        xml.writeCharacters("\n\t\t");
        xml.writeStartElement("category");
        xml.writeAttribute("domain", domain);
        xml.writeAttribute("nicename", nicename(slug));
        xml.writeCData(safeCdata(name));
        xml.writeEndElement();
    }

    private static void meta(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeCharacters("\n\t\t");
        xml.writeStartElement("wp", "postmeta", WP);
        cdata(xml, 3, WP, "meta_key", key);
        cdata(xml, 3, WP, "meta_value", value);
        end(xml, 2);
    }

    private static void guid(XMLStreamWriter xml, String guid) throws XMLStreamException {
        xml.writeCharacters("\n\t\t");
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(xmlChars(guid));
        xml.writeEndElement();
    }

    /** A plain-text element, for values that are numbers, tokens or URLs. A negative depth: on the same line. */
    private static void text(XMLStreamWriter xml, int depth, String namespace, String name, String text) throws XMLStreamException {
        start(xml, depth, namespace, name);
        xml.writeCharacters(xmlChars(text == null ? "" : text));
        xml.writeEndElement();
    }

    /**
     * A CDATA element, for free text, as WordPress writes it. The importer's XML parser drops a
     * blank run of escaped text ("a &amp; b" became "a &b") and its regex parser leaves entities
     * undecoded; CDATA reads the same in all three.
     */
    private static void cdata(XMLStreamWriter xml, int depth, String namespace, String name, String text) throws XMLStreamException {
        start(xml, depth, namespace, name);
        xml.writeCData(safeCdata(text == null ? "" : text));
        xml.writeEndElement();
    }

    private static void start(XMLStreamWriter xml, int depth, String namespace, String name) throws XMLStreamException {
        if (depth >= 0) {
            xml.writeCharacters("\n" + "\t".repeat(depth));
        }
        if (namespace == null) {
            xml.writeStartElement(name);
        } else {
            xml.writeStartElement(prefix(namespace), name, namespace);
        }
    }

    private static void end(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "\t".repeat(depth));
        xml.writeEndElement();
    }

    /**
     * WordPress's fallback parser (WXR_Parser_Regex) reads lines of at most 8191 bytes and adds a
     * line break wherever it had to cut a longer one: inside a word, or inside an Arabic letter's two
     * bytes. So a body line that long is broken first at a space between tags, where a line break
     * reads as the same space in HTML. Bodies with {@code <pre>} or {@code <textarea>}, whose
     * spaces count, are left as they are.
     */
    static String wrapLongLines(String html) {
        if (html == null || html.length() * 3 <= WRAP_AT || html.contains("<pre") || html.contains("<textarea")) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 16);
        int lineBytes = 0;
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            }
            if (c == '\n') {
                lineBytes = 0;
            } else if (c == ' ' && !inTag && lineBytes >= WRAP_AT) {
                out.append('\n');
                lineBytes = 0;
                continue;
            } else {
                lineBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A CDATA section cannot contain "]]>"; WordPress's exporter splits it the same way. */
    private static String safeCdata(String text) {
        return xmlChars(text).replace("]]>", "]]]]><![CDATA[>");
    }

    /**
     * Drops the characters XML 1.0 forbids (most C0 controls): one would make every XML parser refuse
     * the whole file. Stored text is already clean (see CleanText); rows from before that are not.
     */
    static String xmlChars(String text) {
        return org.minbar.system.CleanText.text(text);
    }

    private static String prefix(String namespace) {
        return switch (namespace) {
            case WP -> "wp";
            case EXCERPT -> "excerpt";
            case CONTENT -> "content";
            case DC -> "dc";
            default -> throw new IllegalArgumentException(namespace);
        };
    }
}
