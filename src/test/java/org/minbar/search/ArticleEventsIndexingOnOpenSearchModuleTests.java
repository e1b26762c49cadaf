package org.minbar.search;

import org.minbar.support.TestOpenSearch;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Article events reach the search index on the OpenSearch backend (a real node started by the tests). */
class ArticleEventsIndexingOnOpenSearchModuleTests extends ArticleEventsIndexingModuleTests {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        String url = TestOpenSearch.url(); // skips with the reason when the node cannot start
        registry.add("minbar.search.backend", () -> "opensearch");
        registry.add("minbar.search.opensearch.url", () -> url);
        registry.add("minbar.search.opensearch.index", () -> "events-it-" + ProcessHandle.current().pid());
    }
}
