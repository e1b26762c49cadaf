package org.minbar.distribution;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleStamp;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.PublishedArticles;
import org.minbar.article.PublishedIdPage;
import org.minbar.system.AfterCommit;
import org.minbar.system.SiteAddress;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /sitemap.xml} (an index over paged sitemaps of articles, sections and tags),
 * {@code /sitemap-news.xml} (Google News: the last 48 hours) and {@code /robots.txt}.
 */
@Controller
class SitemapController {

    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
    /** Google News takes articles published in the last two days, at most 1,000 of them. */
    static final Duration NEWS_WINDOW = Duration.ofHours(48);
    static final int NEWS_MAX = 1000;
    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final SiteAddress site;
    private final org.minbar.system.SiteIdentity identity;
    private final int pageSize;
    private final Clock clock = Clock.systemUTC();
    /** Counts article changes; the article pages' boundaries are worked out again after one. */
    private final AtomicLong changes = new AtomicLong();
    private volatile ArticlePages articlePages;

    /** Where each article sitemap starts and its newest change, as of {@code changes}. */
    private record ArticlePages(long changes, List<PublishedIdPage> pages) {
    }

    SitemapController(PublishedArticles articles, TaxonomyService taxonomy, SiteAddress site,
            org.minbar.system.SiteIdentity identity, DistributionProperties properties) {
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.site = site;
        this.identity = identity;
        // 1 to 50,000 (the sitemaps.org limit), checked at start-up.
        this.pageSize = properties.sitemaps().pageSize();
    }

    private record Entry(String path, OffsetDateTime lastmod) {
    }

    @GetMapping("/sitemap.xml")
    ResponseEntity<String> index() {
        List<Entry> sitemaps = new ArrayList<>();
        // A urlset needs at least one URL: an empty site lists no article or tag sitemaps.
        List<PublishedIdPage> pages = articlePages();
        for (int page = 1; page <= pages.size(); page++) {
            sitemaps.add(new Entry("/sitemap-articles-" + page + ".xml", pages.get(page - 1).newestChange()));
        }
        sitemaps.add(new Entry("/sitemap-sections.xml", newest(sectionEntries())));
        List<Entry> tags = tagEntries();
        long tagPages = (tags.size() + pageSize - 1) / pageSize;
        for (int page = 1; page <= tagPages; page++) {
            sitemaps.add(new Entry("/sitemap-tags-" + page + ".xml", newest(page(tags, page))));
        }
        return xml(w -> {
            w.writeStartElement("sitemapindex");
            w.writeDefaultNamespace(SITEMAP_NS);
            for (Entry e : sitemaps) {
                w.writeStartElement("sitemap");
                element(w, "loc", site.absolute(e.path()));
                if (e.lastmod() != null) {
                    element(w, "lastmod", w3c(e.lastmod()));
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** A page the index does not list (0, or past the last) is 404. */
    @GetMapping("/sitemap-articles-{page:\\d{1,6}}.xml")
    ResponseEntity<String> articles(@PathVariable int page) {
        List<PublishedIdPage> pages = articlePages();
        List<Entry> entries = page < 1 || page > pages.size() ? List.of() : articleEntries(pages.get(page - 1));
        if (entries.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return urlset(entries);
    }

    @GetMapping("/sitemap-sections.xml")
    ResponseEntity<String> sections() {
        return urlset(sectionEntries());
    }

    @GetMapping("/sitemap-tags-{page:\\d{1,6}}.xml")
    ResponseEntity<String> tags(@PathVariable int page) {
        List<Entry> entries = page < 1 ? List.of() : page(tagEntries(), page);
        if (entries.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return urlset(entries);
    }

    @GetMapping("/sitemap-news.xml")
    ResponseEntity<String> news() {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(NEWS_WINDOW);
        List<ArticleStamp> recent = articles.publishedSince(since, NEWS_MAX);
        return xml(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(SITEMAP_NS);
            w.writeNamespace("news", NEWS_NS);
            for (ArticleStamp a : recent) {
                w.writeStartElement("url");
                element(w, "loc", site.absolute(a.path()));
                element(w, "lastmod", w3c(lastmod(a)));
                w.writeStartElement("news", "news", NEWS_NS);
                w.writeStartElement("news", "publication", NEWS_NS);
                w.writeStartElement("news", "name", NEWS_NS);
                w.writeCharacters(org.minbar.system.CleanText.title(identity.name()));
                w.writeEndElement();
                w.writeStartElement("news", "language", NEWS_NS);
                w.writeCharacters("ar");
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("news", "publication_date", NEWS_NS);
                w.writeCharacters(w3c(a.publishedAt()));
                w.writeEndElement();
                w.writeStartElement("news", "title", NEWS_NS);
                w.writeCharacters(org.minbar.system.CleanText.title(a.title()));
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    @GetMapping(value = "/robots.txt", produces = "text/plain;charset=UTF-8")
    ResponseEntity<String> robots() {
        String body = """
                User-agent: *
                Disallow: /newsroom/
                Disallow: /internal/
                Disallow: /api/
                Disallow: /search

                Sitemap: %s
                Sitemap: %s
                """.formatted(site.absolute("/sitemap.xml"), site.absolute("/sitemap-news.xml"));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(body);
    }

    private List<Entry> articleEntries(PublishedIdPage page) {
        return articles.publishedStampsFrom(page.firstId(), pageSize).stream()
                .map(a -> new Entry(a.path(), lastmod(a))).toList();
    }

    /**
     * The article sitemaps' first ids and newest changes: one pass over the articles after each
     * change, instead of reading every article for the index and skipping ever more rows (OFFSET)
     * for each deeper page.
     */
    private List<PublishedIdPage> articlePages() {
        long seen = changes.get();
        ArticlePages known = articlePages;
        if (known != null && known.changes() == seen) {
            return known.pages();
        }
        List<PublishedIdPage> pages = articles.publishedIdPages(pageSize);
        articlePages = new ArticlePages(seen, pages); // a change meanwhile raised the count: worked out again next time
        return pages;
    }

    @EventListener({ArticlePublished.class, ArticleChanged.class, ArticleUnpublished.class})
    void articleChanged() {
        AfterCommit.run(changes::incrementAndGet);
    }

    private List<Entry> sectionEntries() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("/", articles.lastChange().orElse(null)));
        Map<Long, OffsetDateTime> changed = articles.lastChangeBySection();
        for (Section s : taxonomy.sections()) {
            entries.add(new Entry(s.path(), changed.get(s.id())));
        }
        return entries;
    }

    /** Tags that label at least one published article: an empty tag page is not worth a crawl. */
    private List<Entry> tagEntries() {
        Map<Long, OffsetDateTime> changed = articles.lastChangeByTag();
        List<Entry> entries = new ArrayList<>();
        for (Tag t : taxonomy.tags(changed.keySet()).stream().sorted(Comparator.comparingLong(Tag::id)).toList()) {
            entries.add(new Entry(t.path(), changed.get(t.id())));
        }
        return entries;
    }

    private List<Entry> page(List<Entry> all, int page) {
        int from = (int) Math.min((long) (page - 1) * pageSize, all.size());
        return all.subList(from, Math.min(from + pageSize, all.size()));
    }

    /** An article changes for readers when it is published and whenever it is edited after that. */
    private static OffsetDateTime lastmod(ArticleStamp a) {
        return a.updatedAt().isAfter(a.publishedAt()) ? a.updatedAt() : a.publishedAt();
    }

    private static OffsetDateTime newest(List<Entry> entries) {
        return entries.stream().map(Entry::lastmod).filter(java.util.Objects::nonNull).max(OffsetDateTime::compareTo)
                .orElse(null);
    }

    private ResponseEntity<String> urlset(List<Entry> entries) {
        return xml(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(SITEMAP_NS);
            for (Entry e : entries) {
                w.writeStartElement("url");
                element(w, "loc", site.absolute(e.path()));
                if (e.lastmod() != null) {
                    element(w, "lastmod", w3c(e.lastmod()));
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    static String w3c(OffsetDateTime time) {
        return W3C.format(time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        // The JDK's writer passes characters XML forbids through: stored text is clean (CleanText), this is the last defence.
        w.writeCharacters(org.minbar.system.CleanText.text(text));
        w.writeEndElement();
    }

    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static ResponseEntity<String> xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(SITEMAP_NS);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write a sitemap", e);
        }
        return ResponseEntity.ok().contentType(XML)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(out.toString());
    }

}
