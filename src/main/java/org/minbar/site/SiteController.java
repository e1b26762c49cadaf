package org.minbar.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.cards.ShareCards;
import org.minbar.distribution.StructuredData;
import org.minbar.distribution.StructuredData.Crumb;
import org.minbar.recommend.RecommendProperties;
import org.minbar.system.SiteAddress;
import org.minbar.recommend.RecommendService;
import org.minbar.site.pages.ArticlePage;
import org.minbar.site.pages.HomePage;
import org.minbar.site.pages.ListPage;
import org.minbar.site.pages.PageChrome;
import org.minbar.site.pages.PageMeta;
import org.minbar.site.pages.SectionBlock;
import org.minbar.site.pages.Teaser;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Reader pages: home, article, section and tag. */
@Controller
class SiteController {

    static final int PAGE_SIZE = 20;
    static final int RELATED = 6;
    static final int POPULAR = 5;

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final RecommendService recommend;
    private final PageBuilder pages;
    private final BodyRenderer bodies;
    private final StructuredData structuredData;
    private final SiteAddress address;
    private final ShareCards cards;
    private final List<List<String>> articleSectionRows;
    private final int readAlsoMax;
    private final int readAlsoEvery;
    private final Set<String> frontPictureSections;

    SiteController(PublishedArticles articles, TaxonomyService taxonomy, RecommendService recommend, PageBuilder pages,
            BodyRenderer bodies, StructuredData structuredData, SiteAddress address, SiteProperties site,
            RecommendProperties recommendations, ShareCards cards) {
        this.cards = cards;
        this.bodies = bodies;
        this.readAlsoMax = recommendations.autoReadAlso().max();
        this.readAlsoEvery = recommendations.autoReadAlso().every();
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.recommend = recommend;
        this.pages = pages;
        this.structuredData = structuredData;
        this.address = address;
        this.articleSectionRows = site.articleSectionRows();
        this.frontPictureSections = site.frontPictureSectionSlugs();
    }

    /** Top stories under the lead, each with its picture (or its section's designed block). */
    static final int TOP_STORIES = 4;
    /** Headlines beside the lead. */
    static final int LATEST = 8;
    /** Headlines per section block on the front page (cartoons: three pictures). */
    static final int BLOCK_SIZE = 3;

    @GetMapping("/")
    String home(Model model, HttpServletResponse response) {
        // The lead is the most recently featured article, else the newest; the lists below leave it out.
        int wanted = 1 + TOP_STORIES + LATEST;
        List<ArticleSummary> featured = articles.featured(1);
        // Cartoons are pictures, not headlines: they show in their own (image-led) block further down.
        Set<Long> imageLed = new HashSet<>();
        taxonomy.sections().stream().filter(Section::imageLed).forEach(section -> imageLed.add(section.id()));
        List<ArticleSummary> latest = new ArrayList<>(articles.published(null, null, wanted + 10, 0).stream()
                .filter(s -> s.sectionId() == null || !imageLed.contains(s.sectionId())).limit(wanted).toList());
        if (!featured.isEmpty()) {
            latest.removeIf(s -> s.id() == featured.get(0).id());
            latest.add(0, featured.get(0));
            if (latest.size() > wanted) {
                latest.remove(wanted);
            }
        }
        List<Teaser> front = pages.teasers(latest);
        Teaser lead = front.isEmpty() ? null : front.get(0);
        List<Teaser> top = front.subList(Math.min(1, front.size()), Math.min(1 + TOP_STORIES, front.size()));
        List<Teaser> headlines = front.subList(Math.min(1 + TOP_STORIES, front.size()), front.size());
        // The section blocks leave out the stories already shown above them.
        Set<Long> shown = new HashSet<>();
        latest.forEach(s -> shown.add(s.id()));
        List<SectionBlock> sections = new ArrayList<>();
        for (Section section : taxonomy.sections()) {
            int pictured = section.imageLed() ? BLOCK_SIZE : frontPictureSections.contains(section.slug()) ? 1 : 0;
            SectionBlock block = pages.sectionBlock(section, BLOCK_SIZE, shown, pictured);
            if (!block.teasers().isEmpty()) {
                sections.add(block);
            }
        }
        PageChrome chrome = pages.chrome(null, null, address.forRequest("/"), null);
        chrome = chrome.withMeta(chrome.meta().withJsonLd(structuredData.webSite(chrome.description())));
        HomePage home = new HomePage(chrome, lead, top, headlines, sections,
                pages.teasers(recommend.popular(POPULAR, Set.of())));
        new SurrogateKeys().add(SurrogateKeys.HOME).articles(shown).blocks(sections).teasers(home.popular()).on(response);
        model.addAttribute("page", home);
        return "home";
    }

    @GetMapping("/news/{id:\\d+}/{slug}")
    Object article(@PathVariable long id, @PathVariable String slug, Model model,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
            HttpServletRequest request, HttpServletResponse response) {
        Article article = articles.findPublished(id).orElseThrow(NotFoundException::new);
        if (!article.slug().equals(slug)) {
            return permanentRedirect(article.path());
        }
        recommend.recordView(id, userAgent, request.getRemoteAddr());
        SurrogateKeys keys = new SurrogateKeys();
        article.tagIds().forEach(tag -> keys.add(SurrogateKeys.tag(tag)));
        if (article.sectionId() != null) {
            keys.add(SurrogateKeys.section(article.sectionId()));
        }
        String view = articleView(article, model, keys);
        keys.on(response);
        return view;
    }

    /** Fills the model of the article page for this article (stored or, for a preview, not yet). */
    String articleView(Article article, Model model) {
        return articleView(article, model, new SurrogateKeys());
    }

    /** As {@link #articleView(Article, Model)}, adding the ids of every article the page shows to {@code keys}. */
    private String articleView(Article article, Model model, SurrogateKeys keys) {
        long id = article.id();
        Set<Long> onPage = new HashSet<>(Set.of(id));
        onPage.addAll(bodies.promoIds(article.bodyHtml()));
        int autoPromos = article.autoReadAlso() && !bodies.hasPromos(article.bodyHtml()) && readAlsoEvery > 0
                ? Math.min(readAlsoMax, Math.max(0, (bodies.paragraphs(article.bodyHtml()) - 1) / readAlsoEvery)) : 0;
        List<ArticleSummary> recommended = recommend.related(article, RELATED + autoPromos, onPage);
        List<ArticleSummary> inline = recommended.subList(0, Math.min(autoPromos, recommended.size()));
        List<ArticleSummary> related = recommended.subList(inline.size(), recommended.size());
        recommended.forEach(s -> onPage.add(s.id()));
        List<List<SectionBlock>> rows = new ArrayList<>();
        for (List<String> slugs : articleSectionRows) {
            List<Section> shownSections = slugs.stream().map(taxonomy::sectionBySlug).flatMap(java.util.Optional::stream).toList();
            shownSections.forEach(section -> keys.add(SurrogateKeys.section(section.id()))); // its newest articles show here
            List<SectionBlock> row = shownSections.stream().map(section -> pages.sectionBlock(section, 3, onPage)).toList();
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        rows.forEach(row -> row.forEach(block -> block.teasers().forEach(t -> onPage.add(t.id()))));
        List<Teaser> popular = pages.teasers(recommend.popular(POPULAR, onPage));
        keys.articles(onPage).teasers(popular);
        String shareUrl = address.forRequest(article.path());
        model.addAttribute("page", new ArticlePage(articleChrome(article),
                pages.article(article, inline, readAlsoEvery), pages.teasers(related), rows, popular,
                PageBuilder.shareLinks(shareUrl, article.title()), shareUrl));
        return "article";
    }

    /**
     * Title, description, share image and JSON-LD of an article page. The editors' SEO title and
     * description, when set, are the page's title and description; the headline stays the title.
     */
    private PageChrome articleChrome(Article article) {
        String headline = article.title();
        String description = article.metaDescription();
        String url = address.forRequest(article.path());
        Section section = article.sectionId() == null ? null : taxonomy.section(article.sectionId()).orElse(null);
        List<Tag> tags = taxonomy.tags(article.tagIds()).stream()
                .sorted(java.util.Comparator.comparingInt(t -> article.tagIds().indexOf(t.id()))).toList();
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(pages.siteName(), address.forRequest("/")));
        if (section != null) {
            crumbs.add(new Crumb(section.name(), address.forRequest(section.path())));
        }
        crumbs.add(new Crumb(headline, url));
        // The lead photo, else the share card Minbar draws from the title: every article has a large image.
        PageMeta.ShareImage image = pages.leadShareImage(article, address::forRequest)
                .orElseGet(() -> new PageMeta.ShareImage(address.forRequest(cards.path(article)), headline, ShareCards.WIDTH,
                        ShareCards.HEIGHT));
        PageChrome chrome = pages.chrome(article.metaTitle(), description, url, null);
        PageMeta meta = chrome.meta().withType("article").withImage(image)
                .withArticle(new PageMeta.ArticleFacts(StructuredData.iso(article.publishedAt()),
                        StructuredData.iso(article.readerModifiedAt()), section == null ? null : section.name(),
                        tags.stream().map(Tag::name).toList()))
                .withJsonLd(structuredData.newsArticle(article, headline, description, url, section, tags, image.url()),
                        structuredData.breadcrumbs(crumbs));
        return chrome.withMeta(meta);
    }

    /** The id alone, or a slug (current or old): 301 to the canonical address. */
    @GetMapping("/news/{key}")
    ResponseEntity<Void> articleByKey(@PathVariable String key) {
        long id = key.matches("\\d{1,18}") ? Long.parseLong(key)
                : articles.publishedIdForSlug(key).orElseThrow(NotFoundException::new);
        Article article = articles.findPublished(id).orElseThrow(NotFoundException::new);
        return permanentRedirect(article.path());
    }

    /** The most-read articles of the last day or week. */
    @GetMapping("/popular")
    String popular(@RequestParam(name = "window", required = false) String window, Model model, HttpServletResponse response) {
        org.minbar.recommend.PopularWindow chosen = "week".equals(window)
                ? org.minbar.recommend.PopularWindow.WEEK : org.minbar.recommend.PopularWindow.DAY;
        boolean week = chosen == org.minbar.recommend.PopularWindow.WEEK;
        List<Teaser> items = pages.teasers(recommend.popular(chosen, PAGE_SIZE, Set.of()));
        new SurrogateKeys().teasers(items).on(response);
        List<ListPage.Tab> tabs = List.of(new ListPage.Tab("اليوم", "/popular", !week),
                new ListPage.Tab("هذا الأسبوع", "/popular?window=week", week));
        model.addAttribute("page", new ListPage(pages.chrome("الأكثر قراءة", "المقالات الأكثر قراءة",
                address.forRequest(week ? "/popular?window=week" : "/popular"), null), "منشورات شائعة",
                week ? "الأكثر قراءة هذا الأسبوع" : "الأكثر قراءة اليوم", false, items, "", "لا منشورات بعد.", null, null, "", tabs));
        return "list";
    }

    @GetMapping("/section/{slug}")
    String section(@PathVariable String slug, @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "after", required = false) String after, Model model, HttpServletResponse response) {
        Section section = taxonomy.sectionBySlug(slug).orElseThrow(NotFoundException::new);
        int number = pageNumber(page);
        long total = articles.countPublished(section.id(), null);
        List<Teaser> items = pages.teasers(listed(section.id(), null, number, after));
        new SurrogateKeys().add(SurrogateKeys.section(section.id())).teasers(items).on(response);
        model.addAttribute("page", listPage("قسم", section.name(), section.imageLed(), section.path(), number, total, items));
        return "list";
    }

    @GetMapping("/tag/{slug}")
    String tag(@PathVariable String slug, @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "after", required = false) String after, Model model, HttpServletResponse response) {
        Tag tag = taxonomy.tagBySlug(slug).orElseThrow(NotFoundException::new);
        int number = pageNumber(page);
        long total = articles.countPublished(null, tag.id());
        if (total == 0) {
            throw new NotFoundException(); // named only on drafts, scheduled or unpublished articles: not public
        }
        List<Teaser> items = pages.teasers(listed(null, tag.id(), number, after));
        new SurrogateKeys().add(SurrogateKeys.tag(tag.id())).teasers(items).on(response);
        model.addAttribute("page", listPage("وسم", tag.name(), false, tag.path(), number, total, items));
        return "list";
    }

    /**
     * Page {@code number} of a list. The "next" links name the last article shown ({@code after}), so a
     * reader or crawler paging deep is answered by key, not by counting rows; a typed {@code ?page=N}
     * (or a link whose article was unpublished since) is counted by position.
     */
    private List<ArticleSummary> listed(Long sectionId, Long tagId, int number, String after) {
        if (after != null && number > 1) {
            if (!after.matches("\\d{1,18}")) {
                throw new NotFoundException();
            }
            Optional<List<ArticleSummary>> byKey = articles.publishedAfter(sectionId, tagId, Long.parseLong(after), PAGE_SIZE);
            if (byKey.isPresent()) {
                return byKey.get();
            }
        }
        return articles.published(sectionId, tagId, PAGE_SIZE, (number - 1) * PAGE_SIZE);
    }

    private ListPage listPage(String kind, String name, boolean imageLed, String path, int number, long total, List<Teaser> items) {
        if (number > 1 && items.isEmpty()) {
            throw new NotFoundException();
        }
        long pagesTotal = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        String previous = number > 1 ? path + (number == 2 ? "" : "?page=" + (number - 1)) : null;
        String next = number < pagesTotal && !items.isEmpty()
                ? path + "?page=" + (number + 1) + "&after=" + items.get(items.size() - 1).id() : null;
        String url = address.forRequest(path + (number > 1 ? "?page=" + number : ""));
        String description = kind + " " + name + " في " + pages.siteName();
        PageChrome chrome = pages.chrome(name, description, url, null);
        chrome = chrome.withMeta(chrome.meta().withFeeds(PageBuilder.feeds(kind + " " + name, path))
                .withJsonLd(structuredData.collectionPage(name, description, url),
                        structuredData.breadcrumbs(List.of(new Crumb(pages.siteName(), address.forRequest("/")),
                                new Crumb(name, address.forRequest(path))))));
        return new ListPage(chrome,
                kind, name, imageLed, items, PageBuilder.articleCount(total), "لا توجد مقالات منشورة هنا بعد.", previous, next,
                "الصفحة " + number + " من " + pagesTotal, List.of());
    }

    static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        if (!page.matches("\\d{1,6}") || Integer.parseInt(page) < 1) {
            throw new NotFoundException();
        }
        return Integer.parseInt(page);
    }

    static ResponseEntity<Void> permanentRedirect(String path) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }

}
