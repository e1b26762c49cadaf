package org.minbar.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleWorkflow;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Views counted in memory for an article deleted (or unpublished) before the next flush are not written,
 * and do not cost the other articles' views of the same batch: a row for a deleted article would break
 * {@code article_view}'s foreign key and roll the whole batch back. The recommend feature learns which
 * articles are still published from the article feature, not from the article table.
 */
@SpringBootTest(properties = "minbar.demo.load-on-first-start=false")
class ViewCountsOfGoneArticlesTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    RecommendService recommend;

    @Autowired
    JdbcClient jdbc;

    private long published(String title) {
        long section = taxonomy.ensureSection("أخبار").id();
        return imports.create(new ArticleDraft(title, "<p>نص المقال " + title + " للاختبار.</p>", null, ArticleStatus.PUBLISHED,
                null, section, List.of(), List.of(), null, null, OffsetDateTime.now()));
    }

    private void view(long id, int readers) {
        for (int i = 0; i < readers; i++) {
            assertThat(recommend.recordView(id, "Mozilla/5.0 reader " + i, "10.3.0." + i)).isTrue();
        }
    }

    private long stored(long id) {
        return jdbc.sql("select coalesce(sum(views), 0) from article_view where article_id = ?").param(id).query(Long.class).single();
    }

    @Test
    void viewsOfAnArticleDeletedBeforeTheFlushAreDroppedAndTheRestOfTheBatchIsWritten() {
        long kept = published("مقال باق");
        long deleted = published("مقال محذوف");
        view(kept, 3);
        view(deleted, 4);
        workflow.delete(deleted);
        recommend.flushViews();
        assertThat(stored(kept)).isEqualTo(3);
        assertThat(stored(deleted)).isZero();

        // The next batch adds to the hour's row of the article that is left, and still writes nothing for the other.
        assertThat(recommend.recordView(kept, "Mozilla/5.0 reader 0", "10.3.0.0")).isFalse(); // a reload: not counted
        recommend.recordView(kept, "Mozilla/5.0 another reader", "10.3.1.1");
        recommend.recordView(deleted, "Mozilla/5.0 another reader", "10.3.1.1");
        recommend.flushViews();
        assertThat(stored(kept)).isEqualTo(4);
        assertThat(stored(deleted)).isZero();
        assertThat(recommend.popular(PopularWindow.DAY, 10, java.util.Set.of())).extracting(s -> s.id()).doesNotContain(deleted);
    }

    @Test
    void viewsOfAnArticleUnpublishedBeforeTheFlushAreNotWritten() {
        long kept = published("مقال منشور");
        long unpublished = published("مقال سحب من النشر");
        view(kept, 2);
        view(unpublished, 2);
        workflow.unpublish(unpublished);
        recommend.flushViews();
        assertThat(stored(kept)).isEqualTo(2);
        assertThat(stored(unpublished)).isZero();
    }
}
