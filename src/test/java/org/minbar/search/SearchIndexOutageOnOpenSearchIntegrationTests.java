package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.PublishedArticles;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.minbar.support.TestOpenSearch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link SearchIndexOutageIntegrationTests} on the OpenSearch backend: the index is deleted from the
 * OpenSearch cluster while the site serves (an operator's mistake, a lost cluster). Article pages,
 * the home page and the related API keep serving; search answers 200 or 503, never a failure; the
 * periodic check notices, creates the index again and fills it, with what was published meanwhile,
 * without a restart. (OpenSearch unreachable from the start: {@link OpenSearchOutageIntegrationTests}.)
 */
class SearchIndexOutageOnOpenSearchIntegrationTests {

    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Polls the condition, asserting meanwhile that search answers only 200 or 503. */
    private static void awaitAnsweringOnly200Or503(Http http, Callable<Boolean> condition) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> search = http.get("/search?q=" + q("بوتين"));
            assertThat(search.statusCode()).as(search.body()).isIn(200, 503);
            return condition.call();
        });
    }

    @Test
    void pagesServeWhileTheIndexIsDeletedAndTheSiteRebuildsItWithWhatWasPublishedMeanwhile() throws Exception {
        String indexName = "outage-it-" + ProcessHandle.current().pid();
        String url = TestOpenSearch.url(); // skips with the reason when the node cannot start
        try (ConfigurableApplicationContext site = new SpringApplicationBuilder(MinbarApplication.class).run(
                "--minbar.data=" + TestDatabases.newDataDirectory(), "--server.port=0", "--minbar.search.backend=opensearch",
                "--minbar.search.opensearch.url=" + url, "--minbar.search.opensearch.index=" + indexName,
                "--minbar.search.health-check-interval=1s", "--minbar.rate-limit.searches-per-minute=1000000");
                OpenSearchIndex index = new OpenSearchIndex(URI.create(url), indexName, null, null, Duration.ofSeconds(30))) {
            PublishedArticles articles = site.getBean(PublishedArticles.class);
            long published = articles.countPublished(null, null);
            Http http = new Http(SearchIndexOutageIntegrationTests.port(site));
            SearchBackend backend = site.getBean(SearchBackend.class);
            await().atMost(RECOVERY).until(() -> !backend.rebuilding()
                    && SearchIndexOutageIntegrationTests.total(http, "from=1900-01-01") == published);
            Article seed = articles.findPublished(articles.publishedIdWithTitle(SearchFixtures.SEED_TITLE).orElseThrow())
                    .orElseThrow();
            SearchIndexOutageIntegrationTests.assertPagesServe(http, seed);
            List<String> before = index.aliasTargets();
            assertThat(before).hasSize(1);

            // Deleted under the site's feet, and an article published right after.
            before.forEach(index::deleteQuietly);
            SearchIndexOutageIntegrationTests.assertPagesServe(http, seed);
            String word = "زنجبيلستان";
            long fresh = site.getBean(ArticleImport.class).create(new ArticleDraft("خبر عن " + word,
                    "<p>وصل وفد من " + word + " أمس.</p>", null, ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null,
                    null, OffsetDateTime.now()));
            SearchIndexOutageIntegrationTests.assertPagesServe(http, seed);

            awaitAnsweringOnly200Or503(http, () -> SearchIndexOutageIntegrationTests.total(http, "q=" + q(word)) == 1
                    && SearchIndexOutageIntegrationTests.total(http, "from=1900-01-01") == published + 1);
            assertThat(http.json("/api/v1/search?q=" + q(word)).get("results").get(0).get("id").asLong()).isEqualTo(fresh);
            assertThat(index.aliasTargets()).hasSize(1).doesNotContainAnyElementsOf(before);
            assertThat(SearchIndexOutageIntegrationTests.total(http, "q=" + q("بوتين"))).isPositive();
            SearchIndexOutageIntegrationTests.assertPagesServe(http, seed);
        }
    }
}
