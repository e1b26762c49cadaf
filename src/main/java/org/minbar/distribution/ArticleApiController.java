package org.minbar.distribution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.system.ProblemException;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public read API: {@code GET /api/v1/articles} (paged, with links) and {@code GET /api/v1/articles/{id}}. */
@RestController
@RequestMapping("/api/v1/articles")
class ArticleApiController {

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final ApiLinks links;

    ArticleApiController(PublishedArticles articles, TaxonomyService taxonomy, ApiLinks links) {
        this.links = links;
        this.articles = articles;
        this.taxonomy = taxonomy;
    }

    record SectionRef(String slug, String name, String url) {
    }

    record TagRef(String slug, String name, String url) {
    }

    record Role(String code, String label) {
    }

    record ContributorJson(String name, List<Role> roles) {
    }

    record ListItem(long id, String title, String url, String excerpt, SectionRef section, OffsetDateTime published) {
    }

    record ArticlePage(int page, int size, long total, long pages, Map<String, String> links, List<ListItem> articles) {
    }

    /** {@code updated}: readers' change date (Article.readerModifiedAt), as in the feeds and sitemaps. */
    record ArticleJson(long id, String title, String slug, String url, String excerpt, String body, SectionRef section,
            List<TagRef> tags, List<ContributorJson> contributors, String sourceLabel, String leadImage,
            OffsetDateTime published, OffsetDateTime updated, OffsetDateTime created) {
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String section, @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = ApiPaging.PAGE_RANGE)
            @Max(value = ApiPaging.MAX_PAGE, message = ApiPaging.PAGE_RANGE) int page,
            @RequestParam(defaultValue = "" + ApiPaging.DEFAULT_SIZE) @Min(value = 1, message = ApiPaging.SIZE_RANGE)
            @Max(value = ApiPaging.MAX_SIZE, message = ApiPaging.SIZE_RANGE) int size,
            @RequestParam(required = false) Long after) {
        ApiPaging paging = new ApiPaging(page, size);
        Long sectionId = null;
        Long tagId = null;
        if (section != null) {
            Optional<Section> found = taxonomy.sectionBySlug(section);
            if (found.isEmpty()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "unknown section: " + section);
            }
            sectionId = found.get().id();
        }
        if (tag != null) {
            Optional<Tag> found = taxonomy.tagBySlug(tag);
            if (found.isEmpty()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "unknown tag: " + tag);
            }
            tagId = found.get().id();
        }
        Map<Long, Section> sections = taxonomy.sectionsById();
        Long inSection = sectionId;
        Long withTag = tagId;
        // The "next" link names the last article of the page: deep pages are read by key, not by counting rows.
        List<ArticleSummary> listed = after != null && page > 1
                ? articles.publishedAfter(sectionId, tagId, after, size)
                        .orElseGet(() -> articles.published(inSection, withTag, size, (page - 1) * size))
                : articles.published(sectionId, tagId, paging.size(), paging.offset());
        List<ListItem> items = listed.stream().map(s -> links.item(s, sections)).toList();
        if (!listed.isEmpty()) {
            paging = paging.nextAfter(listed.get(listed.size() - 1).id());
        }
        long total = articles.countPublished(sectionId, tagId);
        return ResponseEntity.ok().headers(paging.headers(total, links)).body(new ArticlePage(paging.page(), paging.size(), total,
                paging.pages(total), paging.links(total, links), items));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        Optional<Article> found = articles.findPublished(id);
        if (found.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no published article " + id);
        }
        Article a = found.get();
        SectionRef section = a.sectionId() == null ? null
                : taxonomy.section(a.sectionId()).map(links::sectionRef).orElse(null);
        List<TagRef> tags = taxonomy.tags(a.tagIds()).stream()
                .sorted(java.util.Comparator.comparingInt(t -> a.tagIds().indexOf(t.id())))
                .map(t -> new TagRef(t.slug(), t.name(), links.url(t.path()))).toList();
        List<ContributorJson> contributors = a.contributors().stream().map(c -> new ContributorJson(c.name(),
                c.roles().stream().map(r -> new Role(r.code(), r.arabic())).toList())).toList();
        return ResponseEntity.ok(new ArticleJson(a.id(), a.title(), a.slug(), links.url(a.path()), a.excerpt(), a.bodyHtml(),
                section, tags, contributors, a.sourceLabel(), a.leadImageUrl(), a.publishedAt(), a.readerModifiedAt(), a.createdAt()));
    }
}
