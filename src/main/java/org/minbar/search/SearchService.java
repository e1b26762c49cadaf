package org.minbar.search;

import java.util.List;
import java.util.function.LongConsumer;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.stereotype.Service;

/** Arabic search over the published archive, and headline suggestions as the reader types. */
@Service
public class SearchService {

    public static final int MAX_QUERY_LENGTH = 256;
    public static final int MAX_PAGE = 100;

    private final SearchBackend searcher;
    private final TaxonomyService taxonomy;
    private final SearchLimit limit;

    SearchService(SearchBackend backend, TaxonomyService taxonomy, SearchProperties properties) {
        this.searcher = backend;
        this.taxonomy = taxonomy;
        this.limit = new SearchLimit(properties.concurrent(), properties.busyWait());
    }

    /**
     * Runs a search; throws {@link InvalidSearchException} for input that cannot be searched, and
     * {@link SearchUnavailableException} (as every method here that reads the index) while a
     * damaged index is rebuilt, or when {@code minbar.search.concurrent} searches are running and
     * none ends within {@code minbar.search.busy-wait}.
     */
    public SearchResults search(SearchRequest request) {
        String text = clean(request.text());
        if (request.page() < 1 || request.page() > MAX_PAGE) {
            throw new InvalidSearchException("page must be between 1 and " + MAX_PAGE,
                    "رقم الصفحة يجب أن يكون بين 1 و" + MAX_PAGE + ".");
        }
        if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
            throw new InvalidSearchException("from must not be after to", "تاريخ البداية بعد تاريخ النهاية.");
        }
        if (request.section() != null && taxonomy.sectionBySlug(request.section()).isEmpty()) {
            throw new InvalidSearchException("unknown section: " + request.section(), "هذا القسم غير موجود.");
        }
        if (request.tag() != null && taxonomy.tagBySlug(request.tag()).isEmpty()) {
            throw new InvalidSearchException("unknown tag: " + request.tag(), "هذا الوسم غير موجود.");
        }
        return limit.run(() -> searcher.search(text, request.section(), request.tag(), request.from(), request.to(),
                request.sort() == null ? SearchSort.RELEVANCE : request.sort(), request.page()));
    }

    /** Up to {@code limit} headlines matching what has been typed so far. */
    public List<TitleSuggestion> suggest(String typed, int limit) {
        String text = clean(typed);
        if (text.isBlank()) {
            return List.of();
        }
        return searcher.suggest(typed.endsWith(" ") ? text + " " : text, Math.max(1, Math.min(limit, 20)));
    }

    /** Published articles most like this one by their Arabic text, closest first; never the article itself. */
    public List<SimilarArticle> similarTo(long articleId, int limit) {
        return searcher.similarTo(articleId, limit);
    }

    /** The searchable words of a text as the index sees them: normalized and stemmed. */
    public List<String> words(String text) {
        return ArabicAnalysis.terms(SearchIndex.BODY, text == null ? "" : text);
    }

    /** Changes whenever the searchable content changes: a key for caches of derived results. */
    public long contentVersion() {
        return searcher.contentVersion();
    }

    /** Rebuilds the index from the database; returns the number of articles indexed. */
    public long rebuildIndex(LongConsumer progress) {
        return searcher.rebuild(progress);
    }

    /** Whether search can answer now (the index is usable, OpenSearch reachable): for a readiness probe. */
    public boolean available() {
        try {
            searcher.probe();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Strips control characters and rejects over-long queries. */
    static String clean(String text) {
        String clean = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\p{Cf}&&[^\\u200C\\u200D]]", " ")
                .replaceAll("\\s+", " ").strip();
        if (clean.length() > MAX_QUERY_LENGTH) {
            throw new InvalidSearchException("the query is longer than " + MAX_QUERY_LENGTH + " characters",
                    "عبارة البحث طويلة جداً: اكتب " + MAX_QUERY_LENGTH + " حرفاً على الأكثر.");
        }
        return clean;
    }
}
