package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.ArticleWorkflow;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reader pages with the modules they use (everything but the newsroom and the importers), on H2,
 * over HTTP: pages are kept for a second, and the article module's events empty the cache when their
 * transaction commits, so a publish is on the home page and an unpublished article gone at once.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, webEnvironment = WebEnvironment.RANDOM_PORT)
class PageCacheFollowsArticleEventsModuleTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    ArticleEditing editing;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("User-Agent", "reader").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPublishIsOnTheHomePageAndAnUnpublishedArticleGoneAtOnce(Scenario scenario) {
        String title = "خبر جديد من زنجبيلستان في الصفحة الأولى";
        long id = imports.create(new ArticleDraft(title, "<p>نص الخبر الجديد.</p>", null, ArticleStatus.DRAFT, null, null,
                List.of(), List.of(), null, null, OffsetDateTime.now()));
        assertThat(get("/").body()).doesNotContain(title); // rendered now, and kept for a second

        scenario.stimulate(() -> workflow.publish(id))
                .andWaitForEventOfType(ArticlePublished.class).matching(event -> event.articleId() == id)
                .toArriveAndVerify(event -> assertThat(get("/").body()).contains(title));

        String path = editing.find(id).orElseThrow().path();
        assertThat(get(path).statusCode()).isEqualTo(200);
        assertThat(get(path).statusCode()).isEqualTo(200); // now served from the cache

        scenario.stimulate(() -> workflow.unpublish(id))
                .andWaitForEventOfType(ArticleUnpublished.class).matching(event -> event.articleId() == id)
                .toArriveAndVerify(event -> {
                    assertThat(get(path).statusCode()).isEqualTo(404);
                    assertThat(get("/").body()).doesNotContain(title);
                });
    }
}
