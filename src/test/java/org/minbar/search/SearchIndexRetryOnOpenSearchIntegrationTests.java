package org.minbar.search;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.minbar.support.TestOpenSearch;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SearchIndexRetryIntegrationTests} on the OpenSearch backend: a rebuild that failed on a busy pool is owed and retried. */
class SearchIndexRetryOnOpenSearchIntegrationTests extends SearchIndexRetryIntegrationTests {

    static final String INDEX = "retry-it-" + ProcessHandle.current().pid();

    private OpenSearchIndex index;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestOpenSearch.useAsSearchBackend(registry, INDEX); // skips with the reason when the node cannot start
    }

    private OpenSearchIndex index() {
        if (index == null) {
            index = new OpenSearchIndex(URI.create(TestOpenSearch.url()), INDEX, null, null, Duration.ofSeconds(30));
        }
        return index;
    }

    @AfterEach
    void closeIndex() throws Exception {
        if (index != null) {
            index.close();
        }
    }

    @Override
    long documentCount() {
        index().refresh(INDEX);
        return index().count();
    }

    @Override
    void lose(long id) {
        index().remove(id);
        index().refresh(INDEX);
    }

    @Override
    void rebuildInBackground() {
        ((OpenSearchIndexer) backend).rebuildInBackground();
    }
}
