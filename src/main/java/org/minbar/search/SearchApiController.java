package org.minbar.search;

import java.time.Instant;
import java.util.List;
import org.minbar.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.minbar.system.SiteAddress;

/** {@code GET /api/v1/search} and {@code GET /api/v1/search/suggest}; refusals are problem details ({@code org.minbar.system.Problems}). */
@RestController
@RequestMapping("/api/v1/search")
class SearchApiController {

    private final SearchService search;
    private final SiteAddress address;

    SearchApiController(SearchService search, SiteAddress address) {
        this.address = address;
        this.search = search;
    }

    record Result(long id, String title, String url, String snippet, String section, Instant published) {
    }

    record Results(long total, int page, int pages, String didYouMean, List<Result> results) {
    }

    record Suggestion(long id, String title, String url) {
    }

    @GetMapping
    ResponseEntity<?> search(@RequestParam(required = false) String q, @RequestParam(required = false) String section,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page) {
        try {
            SearchResults results = search.search(SearchRequest.fromParameters(q, section, tag, from, to, sort, page));
            return ResponseEntity.ok(new Results(results.total(), results.page(), results.pages(), results.didYouMean(),
                    results.hits().stream().map(h -> new Result(h.id(), h.title(), address.forRequest(h.path()), h.snippetHtml(),
                            h.sectionSlug(), h.published())).toList()));
        } catch (InvalidSearchException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        } catch (SearchUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** The index is being rebuilt, or search is busy: a 503 the client may retry. */
    static ProblemException unavailable(SearchUnavailableException e) {
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), e);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
        return problem;
    }

    @GetMapping("/suggest")
    ResponseEntity<?> suggest(@RequestParam(required = false) String q) {
        try {
            return ResponseEntity.ok(search.suggest(q, 8).stream()
                    .map(s -> new Suggestion(s.id(), s.title(), address.forRequest(s.path()))).toList());
        } catch (InvalidSearchException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        } catch (SearchUnavailableException e) {
            throw unavailable(e);
        }
    }

}
