package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Whatever a reader types, search answers (possibly with nothing) and never fails. */
class QueryFuzzTests {

    static SearchIndex index;
    static ArticleSearcher searcher;

    @BeforeAll
    static void indexTheSeed() {
        index = SearchFixtures.index(List.of(SearchFixtures.seed(1)));
        searcher = new ArticleSearcher(index);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
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
        SearchResults results = searcher.search(text, null, null, null, null, SearchSort.RELEVANCE, 1);
        assertThat(results.total()).isGreaterThanOrEqualTo(0);
        assertThat(searcher.suggest(text.isEmpty() ? "x" : text, 5)).isNotNull();
    }
}
