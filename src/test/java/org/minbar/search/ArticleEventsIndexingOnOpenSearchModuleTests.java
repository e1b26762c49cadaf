package org.minbar.search;

import org.minbar.support.TestOpenSearch;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Article events reach the search index on the OpenSearch backend (a real node started by the tests). */
class ArticleEventsIndexingOnOpenSearchModuleTests extends ArticleEventsIndexingModuleTests {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestOpenSearch.useAsSearchBackend(registry, "events-it-" + ProcessHandle.current().pid()); // skips with the reason when the node cannot start
    }
}
