package org.minbar.distribution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.minbar.article.Article;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.ArticleSummary;
import org.minbar.article.ReadAlso;
import org.minbar.system.AfterCommit;
import org.minbar.system.CleanText;
import org.minbar.system.SiteAddress;
import org.minbar.system.SiteIdentityChanged;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * RSS 2.0 and Atom feeds for the whole site, a section or a tag, written by ROME. Links are
 * absolute (from {@code minbar.site.base-url}) because feed readers fetch them out of context.
 */
@Controller
class FeedController {

    static final int ITEMS = 30;
    static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    /** The page cache's and CDNs' header naming what an answer shows (see site.SurrogateKeys). */
    static final String SURROGATE_KEY = "Surrogate-Key";
    /** Feeds and sitemaps follow every article change: the keys every change touches. */
    static final String EVERY_CHANGE = "site home";

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final SiteAddress site;
    private final org.minbar.system.SiteIdentity identity;
    private final boolean fullContent;
    /**
     * Rendered feeds, kept for one second: a feed is the heaviest reader page (30 whole articles
     * written as XML), polled by every feed reader, and a second is as stale as a reader may see
     * (DESIGN, section 6). Concurrent requests for a feed being rendered wait for that one rendering.
     */
    private final Cache<String, Rendered> rendered = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1))
            .maximumSize(2_000).build();

    FeedController(PublishedArticles articles, TaxonomyService taxonomy, SiteAddress site,
            org.minbar.system.SiteIdentity identity, DistributionProperties properties) {
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.site = site;
        this.identity = identity;
        this.fullContent = properties.feeds().fullContent();
    }

    private record Scope(String title, String description, String pagePath, String feedPath, Long sectionId, Long tagId) {
    }

    @GetMapping("/feed")
    ResponseEntity<String> siteRss(WebRequest request) {
        return feed(siteScope(), false, request);
    }

    @GetMapping("/feed/atom")
    ResponseEntity<String> siteAtom(WebRequest request) {
        return feed(siteScope(), true, request);
    }

    @GetMapping("/section/{slug}/feed")
    ResponseEntity<String> sectionRss(@PathVariable String slug, WebRequest request) {
        return feed(sectionScope(slug), false, request);
    }

    @GetMapping("/section/{slug}/feed/atom")
    ResponseEntity<String> sectionAtom(@PathVariable String slug, WebRequest request) {
        return feed(sectionScope(slug), true, request);
    }

    @GetMapping("/tag/{slug}/feed")
    ResponseEntity<String> tagRss(@PathVariable String slug, WebRequest request) {
        return feed(tagScope(slug), false, request);
    }

    @GetMapping("/tag/{slug}/feed/atom")
    ResponseEntity<String> tagAtom(@PathVariable String slug, WebRequest request) {
        return feed(tagScope(slug), true, request);
    }

    private Scope siteScope() {
        return new Scope(identity.name(), identity.tagline(), "/", "/feed", null, null);
    }

    private Scope sectionScope(String slug) {
        Section s = taxonomy.sectionBySlug(slug).orElseThrow(FeedController::notFound);
        return new Scope(s.name() + " | " + identity.name(), "قسم " + s.name(), s.path(), s.path() + "/feed", s.id(), null);
    }

    private Scope tagScope(String slug) {
        Tag t = taxonomy.tagBySlug(slug).orElseThrow(FeedController::notFound);
        return new Scope(t.name() + " | " + identity.name(), "وسم " + t.name(), t.path(), t.path() + "/feed", null, t.id());
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
    }

    /** A publish, change or unpublish shows in the feeds at once, not after the second the cache keeps them. */
    @EventListener({ArticlePublished.class, ArticleChanged.class, ArticleUnpublished.class, SiteIdentityChanged.class})
    void articleChanged() {
        AfterCommit.run(rendered::invalidateAll);
    }

    /** A feed's XML and when the newest change to any article was (0 when there are none). */
    /** When this site started: an empty Atom feed's {@code <updated>} on a site that has no article yet. */
    private static final java.time.Instant STARTED = java.time.Instant.now();

    private record Rendered(String xml, long lastModified) {
    }

    private ResponseEntity<String> feed(Scope scope, boolean atom, WebRequest request) {
        Rendered feed = rendered.get(scope.feedPath() + (atom ? "/atom" : ""), key -> render(scope, atom));
        if (feed.lastModified() > 0 && request.checkNotModified(feed.lastModified())) {
            return null;
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(atom ? ATOM : RSS)
                // Its surrogate keys (site.SurrogateKeys): the site page cache and a CDN drop it with any change.
                .header(SURROGATE_KEY, EVERY_CHANGE)
                // Readers poll: they may keep a copy but ask (cheaply, If-Modified-Since) each time.
                .cacheControl(CacheControl.noCache().cachePublic());
        if (feed.lastModified() > 0) {
            ok.lastModified(feed.lastModified());
        }
        return ok.body(feed.xml());
    }

    private Rendered render(Scope scope, boolean atom) {
        long lastModified = articles.lastChange().map(t -> t.toInstant().toEpochMilli()).orElse(0L);
        List<ArticleSummary> summaries = articles.published(scope.sectionId(), scope.tagId(), ITEMS, 0);
        List<Article> full = articles.publishedArticles(summaries.stream().map(ArticleSummary::id).toList());
        Map<Long, Section> sections = new java.util.HashMap<>();
        taxonomy.sections().forEach(s -> sections.put(s.id(), s));

        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(atom ? "atom_1.0" : "rss_2.0");
        // Stored text is cleaned on input (CleanText); cleaning again here keeps one old row or setting
        // with a character XML forbids from making the feed fail (JDOM refuses it).
        feed.setTitle(CleanText.title(scope.title()));
        feed.setDescription(CleanText.text(scope.description()));
        feed.setLanguage("ar");
        feed.setLink(site.absolute(scope.pagePath()));
        feed.setUri(site.absolute(scope.feedPath()));
        String self = site.absolute(scope.feedPath() + (atom ? "/atom" : ""));
        List<SyndLink> links = new ArrayList<>();
        links.add(link("alternate", "text/html", site.absolute(scope.pagePath())));
        links.add(link("self", atom ? ATOM.toString().replace(";charset=UTF-8", "") : "application/rss+xml", self));
        if (atom) {
            feed.setLinks(links);
        }
        feed.setGenerator("Minbar");
        // Atom's feed <updated> is when its newest entry changed (never older than an entry); RSS's
        // channel <pubDate> when its newest item was published.
        // An empty feed: Atom still requires <updated>; the last change to any article (the feed emptied
        // when one was unpublished or moved), else when the site started.
        feed.setPublishedDate(!full.isEmpty()
                ? date(atom ? newest(full, Article::readerModifiedAt) : newest(full, Article::publishedAt))
                : atom ? new java.util.Date(lastModified > 0 ? lastModified : STARTED.toEpochMilli()) : null);
        List<SyndEntry> entries = new ArrayList<>();
        for (Article a : full) {
            entries.add(entry(a, sections.get(a.sectionId()), atom));
        }
        feed.setEntries(entries);
        String xml;
        try {
            // ROME writes <language> in RSS but no xml:lang in Atom: add it to the document it builds.
            org.jdom2.Document document = new com.rometools.rome.io.WireFeedOutput().outputJDom(feed.createWireFeed());
            if (atom) {
                document.getRootElement().setAttribute("lang", "ar", org.jdom2.Namespace.XML_NAMESPACE);
            } else {
                rssDocument(document, self);
            }
            xml = new org.jdom2.output.XMLOutputter(org.jdom2.output.Format.getPrettyFormat().setEncoding("UTF-8"))
                    .outputString(document);
        } catch (FeedException e) {
            throw new IllegalStateException("Could not write the feed " + scope.feedPath(), e);
        }
        return new Rendered(xml, lastModified);
    }

    private SyndEntry entry(Article a, Section section, boolean atom) {
        SyndEntry e = new SyndEntryImpl();
        e.setTitle(CleanText.title(a.title()));
        e.setLink(site.absolute(a.path()));
        // The id-only address never changes, even when the slug does: a stable GUID.
        e.setUri(site.absolute("/news/" + a.id()));
        e.setPublishedDate(date(a.publishedAt()));
        // The last change readers saw (an edit, else the publish; an import's source date), not the newsroom's last touch.
        e.setUpdatedDate(date(a.readerModifiedAt()));
        SyndContent summary = new SyndContentImpl();
        String excerpt = a.excerpt() == null ? "" : CleanText.text(a.excerpt());
        if (atom) {
            summary.setType("text/plain"); // <summary type="text">: readers show it as written
            summary.setValue(excerpt);
        } else {
            // RSS readers take <description> as HTML: the excerpt is text, so its < and & are escaped for HTML first.
            summary.setType("text/html");
            summary.setValue(org.springframework.web.util.HtmlUtils.htmlEscape(excerpt, "UTF-8"));
        }
        e.setDescription(summary);
        if (fullContent) {
            SyndContent body = new SyndContentImpl();
            body.setType("html");
            body.setValue(CleanText.text(feedBody(a.bodyHtml())));
            e.setContents(List.of(body));
        }
        List<SyndPerson> authors = new ArrayList<>();
        a.contributors().forEach(c -> {
            SyndPerson p = new SyndPersonImpl();
            p.setName(CleanText.title(c.name()));
            authors.add(p);
        });
        if (!authors.isEmpty() && atom) {
            e.setAuthors(authors);
        } else if (!authors.isEmpty()) {
            // RSS's own <author> must be an e-mail address: names go in dc:creator.
            e.setAuthor(CleanText.title(String.join("، ", a.contributors().stream().map(c -> c.name()).toList())));
        }
        if (section != null) {
            com.rometools.rome.feed.synd.SyndCategory category = new com.rometools.rome.feed.synd.SyndCategoryImpl();
            category.setName(CleanText.title(section.name()));
            e.setCategories(List.of(category));
        }
        if (a.leadImageUrl() != null) {
            SyndEnclosure image = new SyndEnclosureImpl();
            image.setUrl(site.absolute(a.leadImageUrl()));
            image.setType(imageType(a.leadImageUrl()));
            image.setLength(0);
            e.setEnclosures(List.of(image));
        }
        return e;
    }

    private static OffsetDateTime newest(List<Article> list, java.util.function.Function<Article, OffsetDateTime> date) {
        return list.stream().map(date).max(OffsetDateTime::compareTo).orElseThrow();
    }

    private static final org.jdom2.Namespace ATOM_NS = org.jdom2.Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    private static final org.jdom2.Namespace DC_NS = org.jdom2.Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");

    /**
     * What ROME's RSS 2.0 lacks or repeats: the channel names its own address ({@code atom:link
     * rel="self"}, as the RSS Advisory Board and the W3C validator recommend), and ROME's Dublin Core
     * {@code dc:date} and {@code dc:language} go where {@code pubDate} and {@code language} already say
     * the same ({@code dc:creator} stays: RSS's own author must be an e-mail address).
     */
    private static void rssDocument(org.jdom2.Document document, String self) {
        org.jdom2.Element channel = document.getRootElement().getChild("channel");
        if (channel == null) {
            return;
        }
        document.getRootElement().addNamespaceDeclaration(ATOM_NS);
        org.jdom2.Element link = new org.jdom2.Element("link", ATOM_NS).setAttribute("href", self).setAttribute("rel", "self")
                .setAttribute("type", "application/rss+xml");
        org.jdom2.Element htmlLink = channel.getChild("link");
        channel.addContent(htmlLink == null ? 0 : channel.indexOf(htmlLink) + 1, link);
        dropDuplicate(channel, "language", "language");
        dropDuplicate(channel, "pubDate", "date");
        for (org.jdom2.Element item : channel.getChildren("item")) {
            dropDuplicate(item, "pubDate", "date");
        }
        if (document.getRootElement().getDescendants(new org.jdom2.filter.ElementFilter(DC_NS)).iterator().hasNext() == false) {
            document.getRootElement().removeNamespaceDeclaration(DC_NS);
        }
    }

    private static void dropDuplicate(org.jdom2.Element parent, String own, String dublinCore) {
        if (parent.getChild(own) != null) {
            parent.removeChildren(dublinCore, DC_NS);
        }
    }

    private static SyndLink link(String rel, String type, String href) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static Date date(OffsetDateTime time) {
        return time == null ? null : Date.from(time.toInstant());
    }


    /**
     * Feed readers show the body away from the site: read-also promos become plain links, and
     * relative links and images carry the host.
     */
    String feedBody(String html) {
        Document doc = Jsoup.parseBodyFragment(html, site.baseUrl() + "/");
        for (ReadAlso.Link link : articles.readAlsoLinks(ReadAlso.promos(doc.body()))) {
            Element p = new Element("p");
            p.appendText("اقرأ أيضاً: ");
            p.appendElement("a").attr("href", link.href()).text(link.title());
            link.promo().replaceWith(p);
        }
        for (Element el : doc.select("[href]")) {
            el.attr("href", el.absUrl("href"));
        }
        for (Element el : doc.select("[src]")) {
            el.attr("src", el.absUrl("src"));
        }
        doc.outputSettings().prettyPrint(false);
        return doc.body().html();
    }

    static String imageType(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT).replaceAll("[?#].*$", "");
        if (lower.endsWith(".png")) {
            return "image/png";
        } else if (lower.endsWith(".webp")) {
            return "image/webp";
        } else if (lower.endsWith(".gif")) {
            return "image/gif";
        } else if (lower.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (lower.endsWith(".avif")) {
            return "image/avif";
        }
        return "image/jpeg";
    }
}
