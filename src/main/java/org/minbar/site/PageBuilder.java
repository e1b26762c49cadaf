package org.minbar.site;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minbar.article.Article;
import org.minbar.cards.Logo;
import org.minbar.cards.ShareCards;
import org.minbar.media.MediaItem;
import org.minbar.media.MediaService;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.site.pages.ArticleView;
import org.minbar.site.pages.Link;
import org.minbar.site.pages.Picture;
import org.minbar.site.pages.SectionChoice;
import org.minbar.site.pages.BylineEntry;
import org.minbar.site.pages.PageChrome;
import org.minbar.site.pages.PageMeta;
import org.minbar.site.pages.SectionBlock;
import org.minbar.site.pages.Teaser;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.stereotype.Component;

/** Builds the view models of reader pages from articles and sections. */
@Component
class PageBuilder {

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final ArabicDates dates;
    private final BodyRenderer bodies;
    private final org.minbar.system.SiteIdentity identity;
    private final MediaService media;
    private final Logo logo;

    PageBuilder(PublishedArticles articles, TaxonomyService taxonomy, ArabicDates dates, BodyRenderer bodies,
            org.minbar.system.SiteIdentity identity, MediaService media, Logo logo) {
        this.media = media;
        this.logo = logo;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.dates = dates;
        this.bodies = bodies;
        this.identity = identity;
    }

    String siteName() {
        return identity.name();
    }

    PageChrome chrome(String title, String description, String canonicalUrl, String query) {
        String fullTitle = title == null || title.isBlank() ? identity.name() + " | " + identity.tagline() : title + " | " + identity.name();
        return new PageChrome(identity.name(), identity.tagline(), taxonomy.sections(), query == null ? "" : query, fullTitle,
                description == null || description.isBlank() ? identity.tagline() : description, canonicalUrl,
                dates.date(OffsetDateTime.now()), PageMeta.website(siteFeeds()),
                new PageChrome.Brand(logo.svgPath(), logo.svgWidth(), logo.svgHeight()));
    }

    /** The whole site's feeds, linked from every page. */
    List<PageMeta.FeedLink> siteFeeds() {
        return feeds(identity.name(), "");
    }

    /** RSS and Atom links for the feeds under {@code path} ("" for the whole site). */
    static List<PageMeta.FeedLink> feeds(String title, String path) {
        return List.of(new PageMeta.FeedLink("application/rss+xml", title + " (RSS)", path + "/feed"),
                new PageMeta.FeedLink("application/atom+xml", title + " (Atom)", path + "/feed/atom"));
    }

    Map<Long, Section> sectionsById() {
        return taxonomy.sectionsById();
    }

    List<Teaser> teasers(List<ArticleSummary> summaries) {
        Map<Long, Section> sections = sectionsById();
        return summaries.stream().map(s -> teaser(s, sections)).toList();
    }

    Teaser teaser(ArticleSummary s, Map<Long, Section> sections) {
        Section section = s.sectionId() == null ? null : sections.get(s.sectionId());
        // The media row is a kept copy (MediaService), so a teaser's sizes cost no query on a seen page.
        Picture picture = media.findByUrl(s.leadImageUrl()).map(PageBuilder::picture).orElse(null);
        return new Teaser(s.id(), s.title(), s.path(), s.excerpt(), section == null ? null : section.name(),
                section == null ? null : section.path(), dates.date(s.publishedAt()), dates.iso(s.publishedAt()),
                s.leadImageUrl(), s.leadImageAlt(), picture, tone(section), when(s.publishedAt()));
    }

    /** The colour (0-7) of a section's designed block for articles without a picture: each section keeps its own. */
    static int tone(Section section) {
        return section == null ? 0 : (int) Math.floorMod(section.id(), 8L);
    }

    /**
     * The date, with the time of day for a story of the last two days. Absolute, since the page is kept
     * as bytes until the next change: front.js says «منذ ٣ ساعات» from the {@code datetime} instead.
     */
    String when(OffsetDateTime publishedAt) {
        if (publishedAt == null) {
            return "";
        }
        return publishedAt.isAfter(OffsetDateTime.now().minusDays(2)) ? dates.dateTime(publishedAt) : dates.date(publishedAt);
    }

    ArticleView article(Article a) {
        return article(a, List.of(), 0);
    }

    ArticleView article(Article a, List<ArticleSummary> autoPromos, int promoEvery) {
        Optional<Section> section = a.sectionId() == null ? Optional.empty() : taxonomy.section(a.sectionId());
        return new ArticleView(a.id(), a.path(), a.title(), a.sourceLabel(), byline(a.contributors()), dates.dateTime(a.publishedAt()),
                dates.iso(a.publishedAt()), bodies.render(a.bodyHtml(), autoPromos, promoEvery), section.map(Section::name).orElse(null),
                section.map(Section::path).orElse(null), taxonomy.tags(a.tagIds()).stream()
                        .sorted(java.util.Comparator.comparingInt(t -> a.tagIds().indexOf(t.id())))
                        .map(t -> new Link(t.name(), t.path())).toList(),
                a.leadImageUrl(), a.leadImageAlt(), leadMedia(a).map(PageBuilder::picture).orElse(null),
                section.map(sec -> sec.kind() == org.minbar.taxonomy.SectionKind.IMAGE_LED).orElse(false));
    }

    /** The lead image from the media library (for its sizes, caption and credit), if it is one. */
    private Optional<MediaItem> leadMedia(Article a) {
        if (a.leadMediaId() != null) {
            return media.find(a.leadMediaId());
        }
        return a.leadImageUrl() != null && a.leadImageUrl().startsWith("/media/") ? media.findByUrl(a.leadImageUrl()) : Optional.empty();
    }

    /**
     * The article's lead photo as its share image: from the media library the narrowest rendition at
     * least 1200 pixels wide (the size social media show large), else the largest, with its size; a
     * lead image from elsewhere as it is. Empty without a lead image.
     */
    Optional<PageMeta.ShareImage> leadShareImage(Article a, Function<String, String> absolute) {
        if (a.leadImageUrl() == null) {
            return Optional.empty();
        }
        Optional<MediaItem> item = leadMedia(a);
        if (item.isPresent() && !item.get().renditions().isEmpty()) {
            MediaItem.Rendition rendition = item.get().renditionFor(ShareCards.WIDTH);
            return Optional.of(new PageMeta.ShareImage(absolute.apply(rendition.url()), a.leadImageAlt(), rendition.width(),
                    rendition.height()));
        }
        return Optional.of(new PageMeta.ShareImage(absolute.apply(a.leadImageUrl()), a.leadImageAlt(), null, null));
    }

    static Picture picture(MediaItem item) {
        return new Picture(item.url(), item.srcset(), item.width(), item.height(), item.hasAlt() ? item.alt() : "",
                item.caption(), item.credit());
    }

    /**
     * Plain share links for an article at {@code url} (no third-party script): WhatsApp, Telegram, X and
     * Facebook, each with the address (and the headline where the network takes one) URL-encoded.
     */
    static List<org.minbar.site.pages.ShareLink> shareLinks(String url, String title) {
        String u = encode(url);
        String t = encode(title);
        return List.of(
                new org.minbar.site.pages.ShareLink("whatsapp", "واتساب", "https://wa.me/?text=" + encode(title + " " + url)),
                new org.minbar.site.pages.ShareLink("telegram", "تيليغرام", "https://t.me/share/url?url=" + u + "&text=" + t),
                new org.minbar.site.pages.ShareLink("x", "إكس", "https://x.com/intent/post?url=" + u + "&text=" + t),
                new org.minbar.site.pages.ShareLink("facebook", "فيسبوك", "https://www.facebook.com/sharer/sharer.php?u=" + u));
    }

    private static String encode(String text) {
        // URLEncoder writes a space as +, which the share pages would show; %20 reads the same everywhere.
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The sections a reader may choose (the newsletter's). */
    List<SectionChoice> sectionChoices() {
        return taxonomy.sections().stream().map(s -> new SectionChoice(s.id(), s.name())).toList();
    }

    /** "مقالة واحدة", "مقالتان", "3 مقالات", "11 مقالة": Arabic counts agree with the number. */
    static String articleCount(long n) {
        return count(n, "مقالة واحدة", "مقالتان", "مقالات", "مقالة");
    }

    /** "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة". */
    static String resultCount(long n) {
        return count(n, "نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة");
    }

    private static String count(long n, String one, String two, String threeToTen, String other) {
        long lastTwo = n % 100;
        if (n == 1) {
            return one;
        } else if (n == 2) {
            return two;
        } else if (lastTwo >= 3 && lastTwo <= 10) {
            return n + " " + threeToTen;
        }
        return n + " " + other;
    }

    /** "إعداد وتحرير: أحمد قطمة": contributors with the same roles share one entry. */
    static List<BylineEntry> byline(List<Contributor> contributors) {
        Map<List<ContributorRole>, List<String>> byRoles = new LinkedHashMap<>();
        for (Contributor c : contributors) {
            byRoles.computeIfAbsent(c.roles(), r -> new ArrayList<>()).add(c.name());
        }
        List<BylineEntry> entries = new ArrayList<>();
        byRoles.forEach((roles, names) -> entries.add(new BylineEntry(
                roles.stream().map(ContributorRole::arabic).collect(Collectors.joining(" و")),
                String.join("، ", names))));
        return entries;
    }

    SectionBlock sectionBlock(Section section, int limit, java.util.Set<Long> exclude) {
        return sectionBlock(section, limit, exclude, section.imageLed() ? limit : 0);
    }

    /** A section's block whose first {@code pictured} teasers show their picture (or the designed block in its place). */
    SectionBlock sectionBlock(Section section, int limit, java.util.Set<Long> exclude, int pictured) {
        List<ArticleSummary> latest = articles.published(section.id(), null, limit + exclude.size(), 0).stream()
                .filter(s -> !exclude.contains(s.id())).limit(limit).toList();
        return new SectionBlock(section.name(), section.path(), section.imageLed(), teasers(latest), pictured);
    }
}
