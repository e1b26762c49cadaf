package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.lucene.store.AlreadyClosedException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.PublishedArticles;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild that fails because the database is busy is tried again by the periodic check.
 * Reproduced in a clean CI run: at a first start on a two-connection pool the demo's indexing events
 * and the index rebuild timed out on the pool; the rebuild was logged as "trying again at the next
 * check", but the check only retried a damaged index, so the index stayed short of the articles
 * until a restart.
 */
@SpringBootTest(properties = {"spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=500",
        "minbar.search.health-check-interval=1s", "minbar.demo.load-on-first-start=false"})
class SearchIndexRetryIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    SearchBackend backend;

    @Autowired
    ArticleImport imports;

    @Autowired
    PublishedArticles articles;

    @Autowired
    DataSource dataSource;

    /** Articles in the index now. */
    long documentCount() {
        return ((SearchIndexer) backend).index().documentCount();
    }

    /** The index loses an article, as when its update failed. */
    void lose(long id) throws Exception {
        SearchIndexer indexer = (SearchIndexer) backend;
        indexer.index().remove(id);
        indexer.index().commitIfChanged();
    }

    void rebuildInBackground() {
        ((SearchIndexer) backend).rebuildInBackground();
    }

    @Test
    void aRebuildThatFailedOnABusyPoolIsTriedAgainByThePeriodicCheck() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(imports.create(new ArticleDraft("خبر للفهرس رقم " + i, "<p>نص الخبر " + i + ".</p>", null, ArticleStatus.PUBLISHED,
                    null, null, List.of(), List.of(), null, null, null)));
        }
        long published = articles.countPublished(null, null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(AlreadyClosedException.class)
                .until(() -> documentCount() == published);

        // The index loses an article (its update failed), and the rebuild meant to mend it finds the pool busy.
        lose(ids.get(0));
        assertThat(documentCount()).isEqualTo(published - 1);
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            rebuildInBackground();
            Thread.sleep(1500); // the rebuild waits 500 ms for a connection and fails; a check finds the pool still busy
        }

        // The property is "retried without a restart", not a speed: the bound is generous for a loaded CI machine
        // (seen once there: not mended within 20 s), and a timeout says what the indexer was doing.
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .alias("index back to " + published + " articles")
                // A rebuild swaps in a new index and closes the old one: a count read from the old one is tried again.
                .ignoreExceptionsInstanceOf(AlreadyClosedException.class)
                .conditionEvaluationListener(condition -> {
                    if (condition.getElapsedTimeInMS() > 15_000 && condition.getElapsedTimeInMS() % 5_000 < 1_000) {
                        System.err.printf("still waiting: %d published, rebuilding or owed: %s, damaged: %s%n",
                                published, backend.rebuilding(), backend.damaged());
                    }
                })
                .until(() -> documentCount() == published);
    }
}
