package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a reader types, search answers (possibly with nothing) and never fails, on both backends:
 * Lucene and a real OpenSearch node (the test is skipped with the reason when that cannot start).
 */
class QueryFuzzTests {

    static final List<SearchBackends.Indexed> searchers = new ArrayList<>();

    @BeforeAll
    static void indexTheSeed() {
        for (SearchBackends backend : SearchBackends.values()) {
            searchers.add(backend.index(List.of(SearchFixtures.seed(1))));
        }
    }

    @AfterAll
    static void close() {
        searchers.forEach(SearchBackends.Indexed::close);
        searchers.clear();
    }

    @FuzzTest(maxDuration = "30s")
    void anyQueryIsAnswered(String query) {
        String text;
        try {
            text = SearchService.clean(query);
        } catch (InvalidSearchException tooLong) {
            assertThat(query.strip().length()).isGreaterThan(SearchService.MAX_QUERY_LENGTH);
            return;
        }
        for (SearchBackends.Indexed searcher : searchers) {
            SearchResults results = searcher.search(text, null, null, null, null, SearchSort.RELEVANCE, 1);
            assertThat(results.total()).isGreaterThanOrEqualTo(0);
            assertThat(searcher.suggest(text.isEmpty() ? "x" : text, 5)).isNotNull();
        }
    }
}
