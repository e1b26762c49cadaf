package org.minbar.distribution;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.minbar.article.Article;
import org.minbar.article.Contributor;
import org.minbar.cards.Logo;
import org.minbar.system.SiteAddress;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * schema.org JSON-LD for reader pages, built as a Jackson tree (never by string concatenation)
 * and returned ready to sit inside {@code <script type="application/ld+json">}.
 */
@Component
public class StructuredData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SiteAddress site;
    private final org.minbar.system.SiteIdentity identity;
    private final Logo logo;

    StructuredData(SiteAddress site, org.minbar.system.SiteIdentity identity, Logo logo) {
        this.site = site;
        this.identity = identity;
        this.logo = logo;
    }

    /** One step of a breadcrumb trail; {@code url} is absolute. */
    public record Crumb(String name, String url) {
    }

    /**
     * A {@code NewsArticle}. {@code headline} and {@code description} are passed in so that an editor's
     * SEO title or description, when articles have them, replaces the defaults in one place. {@code imageUrl}
     * (absolute): the lead photo, else the article's share card.
     */
    public String newsArticle(Article a, String headline, String description, String url, Section section, List<Tag> tags,
            String imageUrl) {
        ObjectNode node = root("NewsArticle");
        node.put("headline", headline);
        if (description != null && !description.isBlank()) {
            node.put("description", description);
        }
        node.put("url", url);
        node.putObject("mainEntityOfPage").put("@type", "WebPage").put("@id", url);
        node.put("datePublished", iso(a.publishedAt()));
        node.put("dateModified", iso(a.readerModifiedAt())); // the last editorial change, not the newsroom's last touch
        ArrayNode authors = node.putArray("author");
        for (Contributor c : a.contributors()) {
            authors.addObject().put("@type", "Person").put("name", c.name());
        }
        if (a.contributors().isEmpty()) {
            node.remove("author");
            node.set("author", organization());
        }
        node.set("publisher", organization());
        ArrayNode images = node.putArray("image");
        images.add(imageUrl);
        if (section != null) {
            node.put("articleSection", section.name());
        }
        if (!tags.isEmpty()) {
            node.put("keywords", String.join(", ", tags.stream().map(Tag::name).toList()));
        }
        node.put("inLanguage", "ar");
        node.put("isAccessibleForFree", true);
        return embed(node);
    }

    /** A {@code BreadcrumbList} from the home page down to the current page. */
    public String breadcrumbs(List<Crumb> crumbs) {
        ObjectNode node = root("BreadcrumbList");
        ArrayNode items = node.putArray("itemListElement");
        for (int i = 0; i < crumbs.size(); i++) {
            items.addObject().put("@type", "ListItem").put("position", i + 1).put("name", crumbs.get(i).name())
                    .put("item", crumbs.get(i).url());
        }
        return embed(node);
    }

    /** The home page: a {@code WebSite} whose {@code SearchAction} points at the search page. */
    public String webSite(String description) {
        ObjectNode node = root("WebSite");
        node.put("name", identity.name());
        node.put("url", site.absolute("/"));
        if (description != null) {
            node.put("description", description);
        }
        node.put("inLanguage", "ar");
        node.set("publisher", organization());
        ObjectNode action = node.putObject("potentialAction");
        action.put("@type", "SearchAction");
        action.putObject("target").put("@type", "EntryPoint").put("urlTemplate", site.absolute("/search?q={search_term_string}"));
        action.put("query-input", "required name=search_term_string");
        return embed(node);
    }

    /** A section or tag page: a {@code CollectionPage} that is part of the site. */
    public String collectionPage(String name, String description, String url) {
        ObjectNode node = root("CollectionPage");
        node.put("name", name);
        if (description != null) {
            node.put("description", description);
        }
        node.put("url", url);
        node.put("inLanguage", "ar");
        node.putObject("isPartOf").put("@type", "WebSite").put("name", identity.name()).put("url", site.absolute("/"));
        return embed(node);
    }

    /** Absolute URL of the publisher logo (the logo's PNG). */
    public String logoUrl() {
        return site.absolute(logo.pngPath());
    }


    private ObjectNode organization() {
        ObjectNode org = JSON.createObjectNode();
        org.put("@type", "NewsMediaOrganization");
        org.put("name", identity.name());
        org.put("url", site.absolute("/"));
        org.putObject("logo").put("@type", "ImageObject").put("url", logoUrl()).put("width", logo.pngWidth())
                .put("height", logo.pngHeight());
        return org;
    }

    private static ObjectNode root(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("@context", "https://schema.org");
        node.put("@type", type);
        return node;
    }


    /** ISO 8601 in UTC, as structured data and Open Graph's {@code article:*} times are written. */
    public static String iso(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * JSON that is safe inside a script element: {@code <}, {@code >} and {@code &} occur only in
     * strings, where their \\u escapes mean the same, so no {@code </script>} or comment opener survives.
     */
    static String embed(ObjectNode node) {
        return JSON.writeValueAsString(node).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
