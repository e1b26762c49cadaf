package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.ArticleWorkflow;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The search module alone with the modules it uses (article, taxonomy, system), on H2: the article
 * module's events keep the index current. {@code SearchIndexer}'s listeners are asynchronous and run
 * after the commit, so each step waits for the index to change.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class ArticleEventsIndexingModuleTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    ArticleEditing editing;

    @Autowired
    SearchService search;

    private List<Long> found(String word) {
        return search.search(SearchRequest.of(word)).hits().stream().map(SearchHit::id).toList();
    }

    private long draft(String title) {
        return imports.create(new ArticleDraft(title, "<p>" + title + " في نص الخبر.</p>", null, ArticleStatus.DRAFT, null, null,
                List.of(), List.of(), null, null, OffsetDateTime.now()));
    }

    @Test
    void aPublishedArticleIsIndexedAndAnUnpublishedOneForgotten(Scenario scenario) {
        long id = draft("وفد من زنجبيلستان");
        assertThat(found("زنجبيلستان")).isEmpty(); // a draft is not searchable

        scenario.stimulate(() -> workflow.publish(id))
                .andWaitForStateChange(() -> found("زنجبيلستان"))
                .andVerify(ids -> assertThat(ids).containsExactly(id));

        scenario.stimulate(() -> workflow.unpublish(id))
                .andWaitForStateChange(() -> found("زنجبيلستان"), List::isEmpty)
                .andVerifyEvents(events -> assertThat(events.ofType(ArticleUnpublished.class)
                        .matching(ArticleUnpublished::articleId, id)).hasSize(1));
    }

    @Test
    void aChangeToAPublishedArticleReachesTheIndex(Scenario scenario) {
        long id = draft("خبر عن قرطاجنستان");
        scenario.stimulate(() -> workflow.publish(id))
                .andWaitForStateChange(() -> found("قرطاجنستان"))
                .andVerifyEvents(events -> assertThat(events.ofType(ArticlePublished.class)
                        .matching(ArticlePublished::articleId, id)).hasSize(1));

        Article stored = editing.find(id).orElseThrow();
        ArticleEdit edit = ArticleEdit.of(stored);
        ArticleEdit renamed = new ArticleEdit("خبر عن طوبستان", edit.bodyHtml().replace("قرطاجنستان", "طوبستان"), null,
                edit.sourceLabel(), edit.sectionId(), edit.tagIds(), edit.contributors(), edit.leadImageUrl(), edit.leadImageAlt(),
                edit.leadMediaId(), edit.seoTitle(), edit.seoDescription(), edit.autoReadAlso());
        scenario.stimulate(() -> editing.save(id, renamed, stored.version(), "editor"))
                .andWaitForStateChange(() -> found("طوبستان"))
                .andVerify(ids -> {
                    assertThat(ids).containsExactly(id);
                    assertThat(found("قرطاجنستان")).isEmpty(); // the document was replaced, not added
                });
    }
}
