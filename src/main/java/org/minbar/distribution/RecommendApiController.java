package org.minbar.distribution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.recommend.PopularWindow;
import org.minbar.recommend.RecommendService;
import org.minbar.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/articles/{id}/related} and {@code GET /api/v1/popular}. */
@RestController
class RecommendApiController {

    static final int MAX_LIMIT = 20;
    static final String LIMIT_RANGE = "limit must be between 1 and " + MAX_LIMIT;

    private final PublishedArticles articles;
    private final RecommendService recommend;
    private final ApiLinks links;

    RecommendApiController(PublishedArticles articles, RecommendService recommend, ApiLinks links) {
        this.links = links;
        this.articles = articles;
        this.recommend = recommend;
    }

    record Item(long id, String title, String url, String excerpt, OffsetDateTime published) {
    }

    @GetMapping("/api/v1/articles/{id}/related")
    ResponseEntity<?> related(@PathVariable("id") long id, @RequestParam(name = "limit", defaultValue = "6")
            @Min(value = 1, message = LIMIT_RANGE) @Max(value = MAX_LIMIT, message = LIMIT_RANGE) int limit) {
        Optional<Article> article = articles.findPublished(id);
        if (article.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no published article " + id);
        }
        return ResponseEntity.ok(items(recommend.related(article.get(), limit)));
    }

    @GetMapping("/api/v1/popular")
    ResponseEntity<?> popular(@RequestParam(name = "window", defaultValue = "day")
            @Pattern(regexp = "(?i)\\s*(day|week)\\s*", message = "window must be day or week") String window,
            @RequestParam(name = "limit", defaultValue = "10")
            @Min(value = 1, message = LIMIT_RANGE) @Max(value = MAX_LIMIT, message = LIMIT_RANGE) int limit) {
        PopularWindow chosen = PopularWindow.valueOf(window.strip().toUpperCase(Locale.ROOT));
        return ResponseEntity.ok(items(recommend.popular(chosen, limit, Set.of())));
    }

    private List<Item> items(List<ArticleSummary> summaries) {
        return summaries.stream().map(s -> new Item(s.id(), s.title(), links.url(s.path()), s.excerpt(), s.publishedAt())).toList();
    }
}
