package org.minbar.distribution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minbar.article.Contributors;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ContributorCount;
import org.minbar.system.ProblemException;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** {@code GET /api/v1/sections}, {@code /api/v1/tags} and {@code /api/v1/contributors}, each also one by one. */
@RestController
class TaxonomyApiController {

    private final PublishedArticles articles;
    private final Contributors contributors;
    private final TaxonomyService taxonomy;
    private final ApiLinks links;

    TaxonomyApiController(PublishedArticles articles, Contributors contributors, TaxonomyService taxonomy, ApiLinks links) {
        this.links = links;
        this.articles = articles;
        this.contributors = contributors;
        this.taxonomy = taxonomy;
    }

    record SectionJson(long id, String slug, String name, String parent, String kind, String url, String feed,
            String articles, long count) {
    }

    record TagJson(long id, String slug, String name, String url, String feed, String articles, long count) {
    }

    record TagPage(int page, int size, long total, long pages, Map<String, String> links, List<TagJson> tags) {
    }

    record ContributorJson(long id, String name, long count, String articles) {
    }

    record ContributorPage(int page, int size, long total, long pages, Map<String, String> links,
            List<ContributorJson> contributors) {
    }

    record ContributorArticles(long id, String name, int page, int size, long total, long pages,
            Map<String, String> links, List<ArticleApiController.ListItem> articles) {
    }

    @GetMapping("/api/v1/sections")
    List<SectionJson> sections() {
        Map<Long, Section> byId = taxonomy.sectionsById();
        return byId.values().stream().map(s -> section(s, byId)).toList();
    }

    @GetMapping("/api/v1/sections/{slug}")
    ResponseEntity<?> section(@PathVariable String slug) {
        Optional<Section> found = taxonomy.sectionBySlug(slug);
        if (found.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no section " + slug);
        }
        Map<Long, Section> byId = taxonomy.sectionsById();
        return ResponseEntity.ok(section(found.get(), byId));
    }

    @GetMapping("/api/v1/tags")
    ResponseEntity<?> tags(@RequestParam(defaultValue = "1")
            @Min(value = 1, message = ApiPaging.PAGE_RANGE) @Max(value = ApiPaging.MAX_PAGE, message = ApiPaging.PAGE_RANGE) int page,
            @RequestParam(defaultValue = "" + ApiPaging.DEFAULT_SIZE)
            @Min(value = 1, message = ApiPaging.SIZE_RANGE) @Max(value = ApiPaging.MAX_SIZE, message = ApiPaging.SIZE_RANGE) int size) {
        ApiPaging paging = new ApiPaging(page, size);
        // Only tags that a published article shows: a tag named only on drafts is not public yet.
        List<Tag> all = taxonomy.allTags().stream().filter(this::published).sorted(Comparator.comparing(Tag::name).thenComparingLong(Tag::id)).toList();
        int from = (int) Math.min(paging.offset(), all.size());
        List<TagJson> items = all.subList(from, Math.min(from + paging.size(), all.size())).stream().map(this::tag).toList();
        return ResponseEntity.ok().headers(paging.headers(all.size(), links)).body(new TagPage(paging.page(), paging.size(),
                all.size(), paging.pages(all.size()), paging.links(all.size(), links), items));
    }

    private boolean published(Tag tag) {
        return articles.countPublished(null, tag.id()) > 0;
    }

    @GetMapping("/api/v1/tags/{slug}")
    ResponseEntity<?> tag(@PathVariable String slug) {
        return taxonomy.tagBySlug(slug).filter(this::published).<ResponseEntity<?>>map(t -> ResponseEntity.ok(tag(t)))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "no tag " + slug));
    }

    @GetMapping("/api/v1/contributors")
    ResponseEntity<?> contributors(@RequestParam(defaultValue = "1")
            @Min(value = 1, message = ApiPaging.PAGE_RANGE) @Max(value = ApiPaging.MAX_PAGE, message = ApiPaging.PAGE_RANGE) int page,
            @RequestParam(defaultValue = "" + ApiPaging.DEFAULT_SIZE)
            @Min(value = 1, message = ApiPaging.SIZE_RANGE) @Max(value = ApiPaging.MAX_SIZE, message = ApiPaging.SIZE_RANGE) int size) {
        ApiPaging paging = new ApiPaging(page, size);
        long total = contributors.countContributors();
        List<ContributorJson> items = contributors.contributors(paging.size(), paging.offset()).stream()
                .map(this::contributor).toList();
        return ResponseEntity.ok().headers(paging.headers(total, links)).body(new ContributorPage(paging.page(), paging.size(),
                total, paging.pages(total), paging.links(total, links), items));
    }

    @GetMapping("/api/v1/contributors/{id}")
    ResponseEntity<?> contributor(@PathVariable String id) {
        Optional<ContributorCount> found = contributorById(id);
        if (found.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no contributor " + id);
        }
        return ResponseEntity.ok(contributor(found.get()));
    }

    @GetMapping("/api/v1/contributors/{id}/articles")
    ResponseEntity<?> contributorArticles(@PathVariable String id, @RequestParam(defaultValue = "1")
            @Min(value = 1, message = ApiPaging.PAGE_RANGE) @Max(value = ApiPaging.MAX_PAGE, message = ApiPaging.PAGE_RANGE) int page,
            @RequestParam(defaultValue = "" + ApiPaging.DEFAULT_SIZE)
            @Min(value = 1, message = ApiPaging.SIZE_RANGE) @Max(value = ApiPaging.MAX_SIZE, message = ApiPaging.SIZE_RANGE) int size) {
        ApiPaging paging = new ApiPaging(page, size);
        Optional<ContributorCount> found = contributorById(id);
        if (found.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no contributor " + id);
        }
        ContributorCount c = found.get();
        Map<Long, Section> sections = taxonomy.sectionsById();
        List<ArticleApiController.ListItem> items = contributors.publishedByContributor(c.id(), paging.size(), paging.offset())
                .stream().map(s -> links.item(s, sections)).toList();
        return ResponseEntity.ok().headers(paging.headers(c.articles(), links)).body(new ContributorArticles(c.id(), c.name(),
                paging.page(), paging.size(), c.articles(), paging.pages(c.articles()), paging.links(c.articles(), links), items));
    }

    private Optional<ContributorCount> contributorById(String id) {
        return id.matches("\\d{1,18}") ? contributors.contributor(Long.parseLong(id)) : Optional.empty();
    }

    private SectionJson section(Section s, Map<Long, Section> byId) {
        Section parent = s.parentId() == null ? null : byId.get(s.parentId());
        return new SectionJson(s.id(), s.slug(), s.name(), parent == null ? null : parent.slug(),
                s.kind().name().toLowerCase(java.util.Locale.ROOT), links.url(s.path()),
                links.url(s.path() + "/feed"),
                links.url("/api/v1/articles?section=" + UriUtils.encodeQueryParam(s.slug(), "UTF-8")),
                articles.countPublished(s.id(), null));
    }

    private TagJson tag(Tag t) {
        return new TagJson(t.id(), t.slug(), t.name(), links.url(t.path()),
                links.url(t.path() + "/feed"),
                links.url("/api/v1/articles?tag=" + UriUtils.encodeQueryParam(t.slug(), "UTF-8")),
                articles.countPublished(null, t.id()));
    }

    private ContributorJson contributor(ContributorCount c) {
        return new ContributorJson(c.id(), c.name(), c.articles(),
                links.url("/api/v1/contributors/" + c.id() + "/articles"));
    }
}
