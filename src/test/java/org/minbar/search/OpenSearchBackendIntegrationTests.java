package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.minbar.support.TestOpenSearch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The site on the OpenSearch backend (a real node): filled at start, following article events, rebuilt by alias swap. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenSearchBackendIntegrationTests {

    static final String INDEX = "it-" + ProcessHandle.current().pid() + "-articles";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
        String url = TestOpenSearch.url();
        registry.add("minbar.search.backend", () -> "opensearch");
        registry.add("minbar.search.opensearch.url", () -> url);
        registry.add("minbar.search.opensearch.index", () -> INDEX);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    SearchService search;

    @Autowired
    SearchBackend backend;

    Http http;

    @BeforeEach
    void waitForTheIndex() {
        http = new Http(port);
        long published = articles.countPublished(null, null);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> http.json("/api/v1/search?from=1900-01-01").get("total").asLong() == published);
    }

    private List<Long> ids(String query) {
        JsonNode results = http.json("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).get("results");
        return results.findValues("id").stream().map(JsonNode::asLong).toList();
    }

    @Test
    void theConfiguredBackendServesTheSite() {
        assertThat(backend).isInstanceOf(OpenSearchIndexer.class);
        assertThat(search.available()).isTrue();
        long seed = articles.publishedIdWithTitle(SearchFixtures.SEED_TITLE).orElseThrow();
        assertThat(ids("اوكرانيا")).contains(seed);
        assertThat(search.similarTo(seed, 3)).isNotEmpty().noneMatch(s -> s.id() == seed);
    }

    @Test
    void publishedArticleIsSearchableAndDisappearsWhenUnpublished() {
        String word = "زنجبيلستان";
        long id = imports.create(new ArticleDraft("خبر عن " + word, "<p>وصل وفد من " + word + " أمس.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, OffsetDateTime.now()));
        long before = search.contentVersion();
        // OpenSearch shows writes at its next refresh, within a second.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> ids(word).contains(id));
        assertThat(search.contentVersion()).isNotEqualTo(before);
        workflow.unpublish(id);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> ids(word).isEmpty());
    }

    @Test
    void reindexFillsANewIndexAndSwapsTheAlias() {
        OpenSearchIndex index = new OpenSearchIndex(java.net.URI.create(TestOpenSearch.url()), INDEX, null, null,
                Duration.ofSeconds(30));
        List<String> before = index.aliasTargets();
        long done = search.rebuildIndex(count -> { });
        assertThat(done).isEqualTo(articles.countPublished(null, null));
        List<String> after = index.aliasTargets();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(index.call("GET", "/_cat/indices/" + INDEX + "*?format=json", null)).hasSize(1); // the old one is deleted
        assertThat(index.count()).isEqualTo(done);
    }
}
