package org.minbar.distribution;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code GET /api/v1/articles/{id}/related} and {@code GET /api/v1/popular}. */
@RestController
class RecommendApiController {

    static final int MAX_LIMIT = 20;

    private final PublishedArticles articles;
    private final RecommendService recommend;

    RecommendApiController(PublishedArticles articles, RecommendService recommend) {
        this.articles = articles;
        this.recommend = recommend;
    }

    record Item(long id, String title, String url, String excerpt, OffsetDateTime published) {
    }

    @GetMapping("/api/v1/articles/{id}/related")
    ResponseEntity<?> related(@PathVariable("id") String id, @RequestParam(name = "limit", defaultValue = "6") String limit) {
        if (!id.matches("\\d{1,18}")) {
            return error(HttpStatus.BAD_REQUEST, "the article id must be a number");
        }
        Optional<Integer> size = limit(limit);
        if (size.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        Optional<Article> article = articles.findPublished(Long.parseLong(id));
        if (article.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no published article " + id);
        }
        return ResponseEntity.ok(items(recommend.related(article.get(), size.get())));
    }

    @GetMapping("/api/v1/popular")
    ResponseEntity<?> popular(@RequestParam(name = "window", defaultValue = "day") String window,
            @RequestParam(name = "limit", defaultValue = "10") String limit) {
        PopularWindow chosen;
        try {
            chosen = PopularWindow.valueOf(window.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "window must be day or week");
        }
        Optional<Integer> size = limit(limit);
        if (size.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return ResponseEntity.ok(items(recommend.popular(chosen, size.get(), Set.of())));
    }

    private static Optional<Integer> limit(String value) {
        if (!value.strip().matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int limit = Integer.parseInt(value.strip());
        return limit >= 1 && limit <= MAX_LIMIT ? Optional.of(limit) : Optional.empty();
    }

    private static List<Item> items(List<ArticleSummary> summaries) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return summaries.stream().map(s -> new Item(s.id(), s.title(), base + s.path(), s.excerpt(), s.publishedAt())).toList();
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ApiError.of(status, message);
    }
}
