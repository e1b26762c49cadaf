package org.minbar.migration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.minbar.article.ArticleService;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.article.NewsroomRow;
import org.minbar.system.SiteAddress;
import org.minbar.system.SiteIdentity;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Writes the whole site as WXR 1.2, the format of WordPress's own exporter and importer: every
 * article in any status, sections (parents first), tags and contributors. Articles are read a page
 * at a time and the XML is streamed, so memory does not grow with the archive.
 */
@Service
class WxrExporter {

    static final String WP = "http://wordpress.org/export/1.2/";
    static final String EXCERPT = "http://wordpress.org/export/1.2/excerpt/";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    /** Featured images get attachment ids above every article id. */
    static final long ATTACHMENT_ID_OFFSET = 1_000_000_000L;

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int PAGE = 200;

    private final ArticleService articles;
    private final TaxonomyService taxonomy;
    private final WordpressLinks links;
    private final SiteAddress site;
    private final SiteIdentity identity;
    private final ZoneId zone;

    WxrExporter(ArticleService articles, TaxonomyService taxonomy, WordpressLinks links, SiteAddress site,
            SiteIdentity identity, @Value("${minbar.site.time-zone:UTC}") String zone) {
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.links = links;
        this.site = site;
        this.identity = identity;
        this.zone = ZoneId.of(zone);
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
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("rss");
        xml.writeAttribute("version", "2.0");
        xml.writeNamespace("excerpt", EXCERPT);
        xml.writeNamespace("content", CONTENT);
        xml.writeNamespace("dc", DC);
        xml.writeNamespace("wp", WP);
        xml.writeCharacters("\n");
        xml.writeStartElement("channel");
        element(xml, null, "title", identity.name());
        element(xml, null, "link", base);
        element(xml, null, "description", identity.tagline());
        element(xml, null, "language", "ar");
        element(xml, WP, "wxr_version", "1.2");
        element(xml, WP, "base_site_url", base);
        element(xml, WP, "base_blog_url", base);

        // Authors: every contributor named on an article, found a page at a time.
        Map<String, Integer> authors = new LinkedHashMap<>();
        forEachArticle(ids, article -> article.contributors().forEach(c -> authors.putIfAbsent(c.name(), authors.size() + 1)));
        for (Map.Entry<String, Integer> author : authors.entrySet()) {
            xml.writeStartElement("wp", "author", WP);
            element(xml, WP, "author_id", Integer.toString(author.getValue()));
            element(xml, WP, "author_login", author.getKey());
            element(xml, WP, "author_email", "");
            element(xml, WP, "author_display_name", author.getKey());
            element(xml, WP, "author_first_name", "");
            element(xml, WP, "author_last_name", "");
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        Map<Long, Section> sections = taxonomy.sections().stream().collect(Collectors.toMap(Section::id, s -> s, (a, b) -> a,
                LinkedHashMap::new));
        for (Section section : parentsFirst(sections)) {
            xml.writeStartElement("wp", "category", WP);
            element(xml, WP, "term_id", Long.toString(section.id()));
            element(xml, WP, "category_nicename", nicename(section.slug()));
            Section parent = section.parentId() == null ? null : sections.get(section.parentId());
            element(xml, WP, "category_parent", parent == null ? "" : nicename(parent.slug()));
            element(xml, WP, "cat_name", section.name());
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        for (Tag tag : taxonomy.allTags()) {
            xml.writeStartElement("wp", "tag", WP);
            element(xml, WP, "term_id", Long.toString(tag.id()));
            element(xml, WP, "tag_slug", nicename(tag.slug()));
            element(xml, WP, "tag_name", tag.name());
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        Map<Long, Tag> tagCache = new HashMap<>();
        XmlFailure failure = new XmlFailure();
        forEachArticle(ids, article -> {
            if (failure.error == null) {
                try {
                    item(xml, base, article, sections, tagCache, article.featured());
                } catch (XMLStreamException e) {
                    failure.error = e;
                }
            }
        });
        if (failure.error != null) {
            throw failure.error;
        }
        xml.writeEndElement();
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
            boolean sticky) throws XMLStreamException {
        OffsetDateTime date = article.publishedAt() != null ? article.publishedAt() : article.createdAt();
        boolean hasImage = article.leadImageUrl() != null && !article.leadImageUrl().isBlank();
        long attachmentId = ATTACHMENT_ID_OFFSET + article.id();
        if (hasImage) {
            // WordPress wants a featured image as an attachment item of its own.
            String url = article.leadImageUrl().startsWith("/") ? base + article.leadImageUrl() : article.leadImageUrl();
            xml.writeStartElement("item");
            element(xml, null, "title", article.leadImageAlt() == null ? "" : article.leadImageAlt());
            element(xml, WP, "post_id", Long.toString(attachmentId));
            element(xml, WP, "post_parent", Long.toString(article.id()));
            element(xml, WP, "post_type", "attachment");
            element(xml, WP, "status", "inherit");
            element(xml, WP, "attachment_url", url);
            String mediaPath = article.leadImageUrl().replaceFirst("^.*?/media/", "");
            meta(xml, "_wp_attached_file", mediaPath);
            if (article.leadImageAlt() != null) {
                meta(xml, "_wp_attachment_image_alt", article.leadImageAlt());
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeStartElement("item");
        element(xml, null, "title", article.title());
        element(xml, null, "link", base + article.path());
        element(xml, null, "pubDate", RFC_822.format(date));
        element(xml, DC, "creator", article.contributors().isEmpty() ? "" : article.contributors().get(0).name());
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(base + "/news/" + article.id());
        xml.writeEndElement();
        element(xml, null, "description", "");
        cdata(xml, CONTENT, "encoded", article.bodyHtml());
        cdata(xml, EXCERPT, "encoded", article.excerpt() == null ? "" : article.excerpt());
        element(xml, WP, "post_id", Long.toString(article.id()));
        element(xml, WP, "post_date", WP_DATE.format(date.atZoneSameInstant(zone)));
        element(xml, WP, "post_date_gmt", article.publishedAt() == null ? "0000-00-00 00:00:00"
                : WP_DATE.format(article.publishedAt().withOffsetSameInstant(ZoneOffset.UTC)));
        element(xml, WP, "comment_status", "closed");
        element(xml, WP, "ping_status", "closed");
        element(xml, WP, "post_name", nicename(article.slug()));
        element(xml, WP, "status", status(article.status()));
        element(xml, WP, "post_parent", "0");
        element(xml, WP, "menu_order", "0");
        element(xml, WP, "post_type", "post");
        element(xml, WP, "post_password", "");
        element(xml, WP, "is_sticky", sticky ? "1" : "0");
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
        if (hasImage) {
            meta(xml, "_thumbnail_id", Long.toString(attachmentId));
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static String contributorLine(Contributor contributor) {
        return contributor.name() + "|" + contributor.roles().stream().map(ContributorRole::code).collect(Collectors.joining(","));
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
        for (int offset = 0; ; offset += PAGE) {
            List<NewsroomRow> rows = articles.newsroomList(null, null, null, null, PAGE, offset);
            rows.forEach(r -> ids.add(r.id()));
            if (rows.size() < PAGE) {
                break;
            }
        }
        ids.sort(null);
        return ids;
    }

    private void forEachArticle(List<Long> ids, java.util.function.Consumer<Article> action) {
        for (Long id : ids) {
            articles.find(id).ifPresent(action);
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

    /** WordPress keeps non-ASCII slugs percent-encoded, in lower case. */
    private static String nicename(String slug) {
        return URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20").toLowerCase(Locale.ROOT);
    }

    private static void term(XMLStreamWriter xml, String domain, String slug, String name) throws XMLStreamException {
        xml.writeStartElement("category");
        xml.writeAttribute("domain", domain);
        xml.writeAttribute("nicename", nicename(slug));
        xml.writeCData(safeCdata(name));
        xml.writeEndElement();
    }

    private static void meta(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeStartElement("wp", "postmeta", WP);
        cdata(xml, WP, "meta_key", key);
        cdata(xml, WP, "meta_value", value);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String namespace, String name, String text) throws XMLStreamException {
        if (namespace == null) {
            xml.writeStartElement(name);
        } else {
            xml.writeStartElement(prefix(namespace), name, namespace);
        }
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    private static void cdata(XMLStreamWriter xml, String namespace, String name, String text) throws XMLStreamException {
        xml.writeStartElement(prefix(namespace), name, namespace);
        xml.writeCData(safeCdata(text == null ? "" : text));
        xml.writeEndElement();
    }

    /** A CDATA section cannot contain "]]>"; WordPress's exporter splits it the same way. */
    private static String safeCdata(String text) {
        return text.replace("]]>", "]]]]><![CDATA[>");
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
