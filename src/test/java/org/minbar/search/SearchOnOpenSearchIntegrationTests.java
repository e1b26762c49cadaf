package org.minbar.search;

import java.time.Duration;
import org.minbar.support.TestOpenSearch;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SearchIntegrationTests} with the site on the OpenSearch backend (a real node started by the
 * tests): the same API, page, bad input and event-following tests, over real HTTP.
 */
class SearchOnOpenSearchIntegrationTests extends SearchIntegrationTests {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestOpenSearch.useAsSearchBackend(registry, "search-it-" + ProcessHandle.current().pid()); // skips with the reason when the node cannot start
    }

    /** OpenSearch shows a write at its next refresh, once a second (README, "OpenSearch"). */
    @Override
    Duration visibleWithin() {
        return Duration.ofSeconds(2);
    }
}
