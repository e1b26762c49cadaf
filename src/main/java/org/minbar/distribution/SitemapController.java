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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePlacement;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleStamp;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.PublishedArticles;
import org.minbar.article.PublishedIdRange;
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
    /** Before any web news: "published since" this is "ever published". */
    private static final OffsetDateTime ANY_TIME = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final SiteAddress site;
    private final org.minbar.system.SiteIdentity identity;
    private final int pageSize;
    private final Clock clock = Clock.systemUTC();
    /**
     * The aggregates the index is made of, read from the database once (on the first request) and
     * kept by the article events, so that the index after a change reads no article: per range of
     * ids the published count and newest change, per section and tag the newest change. A change
     * adds to them when it commits (folded in by the next index request); a range whose count falls
     * to zero, or whose sitemap turns out empty, is counted again.
     */
    private final Object aggregates = new Object();
    private volatile boolean loaded;
    private final TreeMap<Integer, PublishedIdRange> ranges = new TreeMap<>();
    private final Map<Long, OffsetDateTime> sectionChanges = new HashMap<>();
    private final TreeMap<Long, OffsetDateTime> tagChanges = new TreeMap<>();
    /** Changes not yet folded in: per range the count to add and the newest change. */
    private final ConcurrentHashMap<Integer, PublishedIdRange> pendingRanges = new ConcurrentHashMap<>();
    /** Ranges to count again (from the database) at the next fold. */
    private final Set<Integer> recount = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, OffsetDateTime> pendingSections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, OffsetDateTime> pendingTags = new ConcurrentHashMap<>();
    /** The newest unpublish since this start: the home page lost an article then (null: none). */
    private volatile OffsetDateTime lastUnpublish;

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
        synchronized (aggregates) {
            refresh();
            // A urlset needs at least one URL: an empty site lists no article or tag sitemaps, a range without published articles no sitemap.
            for (PublishedIdRange range : ranges.values()) {
                sitemaps.add(new Entry("/sitemap-articles-" + range.number() + ".xml", range.newestChange()));
            }
            OffsetDateTime sections = sectionChanges.values().stream().reduce(homeChange(), SitemapController::later);
            sitemaps.add(new Entry("/sitemap-sections.xml", sections));
            List<List<Long>> tagPages = tagPages();
            for (int page = 1; page <= tagPages.size(); page++) {
                sitemaps.add(new Entry("/sitemap-tags-" + page + ".xml",
                        tagPages.get(page - 1).stream().map(tagChanges::get).reduce(null, SitemapController::later)));
            }
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

    /** Article sitemap N: the published articles with ids in range N (see {@link PublishedIdRange}); none is 404. */
    @GetMapping("/sitemap-articles-{page:\\d{1,6}}.xml")
    ResponseEntity<String> articles(@PathVariable int page) {
        List<Entry> entries = page < 1 ? List.of() : articles.publishedStampsBetween((long) (page - 1) * pageSize + 1, (long) page * pageSize)
                .stream().map(a -> new Entry(a.path(), lastmod(a))).toList();
        if (entries.isEmpty()) {
            if (page >= 1) {
                recount.add(page); // listed by a count that drifted: the next index leaves it out
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return urlset(entries);
    }

    @GetMapping("/sitemap-sections.xml")
    ResponseEntity<String> sections() {
        synchronized (aggregates) {
            refresh();
            return urlset(sectionEntries());
        }
    }

    @GetMapping("/sitemap-tags-{page:\\d{1,6}}.xml")
    ResponseEntity<String> tags(@PathVariable int page) {
        List<Entry> entries;
        synchronized (aggregates) {
            refresh();
            entries = page < 1 ? List.of() : tagEntries(page);
        }
        if (entries.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return urlset(entries);
    }

    /**
     * The Google News sitemap: the articles of the last two days. The schema wants at least one
     * {@code url}: with nothing that recent it lists the newest article (Google's documentation lets
     * older articles stay in a news sitemap; they are just no longer shown in Google News), and a
     * site without any published article has no news sitemap (404, and robots.txt does not name it).
     */
    @GetMapping("/sitemap-news.xml")
    ResponseEntity<String> news() {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(NEWS_WINDOW);
        List<ArticleStamp> found = articles.publishedSince(since, NEWS_MAX);
        List<ArticleStamp> recent = found.isEmpty() ? articles.publishedSince(ANY_TIME, 1) : found;
        if (recent.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
                """.formatted(site.absolute("/sitemap.xml"));
        // The news sitemap exists once an article is published (see news()); the count is kept in memory.
        if (articles.countPublished(null, null) > 0) {
            body += "Sitemap: " + site.absolute("/sitemap-news.xml") + "\n";
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                // Dropped with any article change too: the first publish adds the news sitemap.
                .header(FeedController.SURROGATE_KEY, FeedController.EVERY_CHANGE).body(body);
    }

    /**
     * Brings the aggregates up to date (under the {@code aggregates} lock): the first time by reading
     * them all (one pass over the articles, seconds at a million), after that by folding in what the
     * changes since added. A change committing while they are read may be counted twice: a count
     * only decides whether a range is listed, and one that falls to zero is counted again.
     */
    private void refresh() {
        if (!loaded) {
            pendingRanges.clear();
            recount.clear();
            pendingSections.clear();
            pendingTags.clear();
            articles.publishedIdRanges(pageSize).forEach(range -> ranges.put(range.number(), range));
            sectionChanges.putAll(articles.lastChangeBySection());
            tagChanges.putAll(articles.lastChangeByTag());
            loaded = true;
            return;
        }
        for (Map.Entry<Integer, PublishedIdRange> change : List.copyOf(pendingRanges.entrySet())) {
            pendingRanges.remove(change.getKey(), change.getValue()); // a later change meanwhile stays for the next time
            PublishedIdRange delta = change.getValue();
            PublishedIdRange kept = ranges.get(delta.number());
            long count = (kept == null ? 0 : kept.articles()) + delta.articles();
            if (count <= 0) {
                recount.add(delta.number());
            } else {
                ranges.put(delta.number(), new PublishedIdRange(delta.number(), count,
                        kept == null ? delta.newestChange() : later(kept.newestChange(), delta.newestChange())));
            }
        }
        for (Integer number : List.copyOf(recount)) {
            recount.remove(number);
            PublishedIdRange counted = articles.publishedIdRange(number, pageSize);
            if (counted.articles() == 0) {
                ranges.remove(number);
            } else {
                PublishedIdRange kept = ranges.get(number);
                ranges.put(number, new PublishedIdRange(number, counted.articles(),
                        kept == null ? counted.newestChange() : later(kept.newestChange(), counted.newestChange())));
            }
        }
        fold(pendingSections, sectionChanges);
        fold(pendingTags, tagChanges);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static void fold(ConcurrentHashMap<Long, OffsetDateTime> pending, Map<Long, OffsetDateTime> into) {
        for (Map.Entry<Long, OffsetDateTime> change : List.copyOf(pending.entrySet())) {
            pending.remove(change.getKey(), change.getValue());
            into.merge(change.getKey(), change.getValue(), SitemapController::later);
        }
    }

    /**
     * A publish adds its article to its id range, a change raises the range's newest change, an
     * unpublish takes the article out (the range, its section and tags changed at that moment); where
     * the article is listed and its last change are read now, in the change's transaction.
     */
    @EventListener
    void articlePublished(ArticlePublished published) {
        changed(published.articleId(), 1);
    }

    @EventListener
    void articleChanged(ArticleChanged changed) {
        changed(changed.articleId(), 0);
    }

    @EventListener
    void articleUnpublished(ArticleUnpublished unpublished) {
        changed(unpublished.articleId(), -1);
    }

    private void changed(long articleId, int added) {
        ArticlePlacement placement = articles.placement(articleId);
        // An unpublish changes the lists it leaves now; a publish or an edit at the article's change date
        // (an import's is its source's), and a workflow-only change (featuring, a slug) not at all.
        OffsetDateTime at = added < 0 || placement.modifiedAt() == null ? OffsetDateTime.now(clock) : placement.modifiedAt();
        if (added < 0) {
            AfterCommit.run(() -> lastUnpublish = later(lastUnpublish, at));
        }
        int range = PublishedIdRange.of(articleId, pageSize);
        AfterCommit.run(() -> {
            pendingRanges.merge(range, new PublishedIdRange(range, added, at),
                    (a, b) -> new PublishedIdRange(range, a.articles() + b.articles(), later(a.newestChange(), b.newestChange())));
            if (placement.sectionId() != null) {
                pendingSections.merge(placement.sectionId(), at, SitemapController::later);
            }
            placement.tagIds().forEach(tag -> pendingTags.merge(tag, at, SitemapController::later));
        });
    }

    private List<Entry> sectionEntries() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("/", homeChange()));
        Map<Long, OffsetDateTime> changed = sectionChanges;
        for (Section s : taxonomy.sections()) {
            entries.add(new Entry(s.path(), changed.get(s.id())));
        }
        return entries;
    }

    /** Tags that label a published article (an empty tag page is not worth a crawl), by id, in sitemaps of {@code pageSize}. */
    private List<List<Long>> tagPages() {
        List<Long> ids = List.copyOf(tagChanges.keySet());
        List<List<Long>> pages = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += pageSize) {
            pages.add(ids.subList(from, Math.min(from + pageSize, ids.size())));
        }
        return pages;
    }

    private List<Entry> tagEntries(int page) {
        List<List<Long>> pages = tagPages();
        if (page > pages.size()) {
            return List.of();
        }
        return taxonomy.tags(pages.get(page - 1)).stream().sorted(Comparator.comparingLong(Tag::id))
                .map(t -> new Entry(t.path(), tagChanges.get(t.id()))).toList();
    }

    /**
     * An article changes for readers when it is published and whenever it is edited after that (an
     * import: its source's dates), not when the newsroom moves it or imports it.
     */
    private static OffsetDateTime lastmod(ArticleStamp a) {
        return a.readerModifiedAt();
    }

    /** The home page changes with the newest change readers saw, or an unpublish since this start. */
    private OffsetDateTime homeChange() {
        return later(articles.lastReaderChange().orElse(null), lastUnpublish);
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
        return ResponseEntity.ok().contentType(XML).header(FeedController.SURROGATE_KEY, FeedController.EVERY_CHANGE)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(out.toString());
    }

}
