package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Editing in the database: optimistic locking, revisions, autosaves and the workflow's state
 * machine, including the moves it refuses. Runs on H2 and on real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "minbar.demo.load-on-first-start=false")
abstract class ArticleEditingContract {

    @Autowired
    ArticleService articles;

    @Autowired
    JdbcClient jdbc;

    static ArticleEdit edit(String title, String body) {
        return new ArticleEdit(title, body, null, "ليفانت-خاص", null, List.of(),
                List.of(new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED))),
                null, null, null, "عنوان للبحث", "وصف للبحث", true);
    }

    private Article article(long id) {
        return articles.find(id).orElseThrow();
    }

    @Test
    void aDraftIsOwnedAndItsFirstRevisionIsItsContent() {
        long id = articles.createDraft(edit("مسودة أولى", "<p>نص</p><script>x()</script>"), "writer1");
        Article draft = article(id);
        assertThat(draft.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(draft.createdBy()).isEqualTo("writer1");
        assertThat(draft.bodyHtml()).isEqualTo("<p>نص</p>");
        assertThat(draft.seoTitle()).isEqualTo("عنوان للبحث");
        assertThat(draft.contributors()).extracting(Contributor::name).containsExactly("أحمد قطمة");
        assertThat(articles.revisions(id)).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.author()).isEqualTo("writer1");
            assertThat(r.content().title()).isEqualTo("مسودة أولى");
        });
    }

    @Test
    void aSaveBasedOnAnOldVersionIsAConflictAndWritesNothing() {
        long id = articles.createDraft(edit("قبل", "<p>أ</p>"), "editor1");
        int opened = article(id).version();
        int next = articles.save(id, edit("بعد الأول", "<p>ب</p>"), opened, "editor1");
        assertThat(next).isEqualTo(opened + 1).isEqualTo(article(id).version());
        assertThatThrownBy(() -> articles.save(id, edit("بعد الثاني", "<p>ج</p>"), opened, "editor2"))
                .isInstanceOfSatisfying(EditConflictException.class, conflict -> {
                    assertThat(conflict.current().title()).isEqualTo("بعد الأول");
                    assertThat(conflict.attempted().title()).isEqualTo("بعد الثاني");
                });
        assertThat(article(id).title()).isEqualTo("بعد الأول");
        assertThat(articles.revisions(id)).hasSize(2);
    }

    @Test
    void restoringARevisionAddsANewRevisionWithTheOldContent() {
        long id = articles.createDraft(edit("النسخة ١", "<p>واحد</p>"), "editor1");
        articles.save(id, edit("النسخة ٢", "<p>اثنان</p>"), article(id).version(), "editor1");
        articles.restore(id, 1, article(id).version(), "editor2");
        assertThat(article(id).title()).isEqualTo("النسخة ١");
        assertThat(articles.revisions(id)).extracting(Revision::number).containsExactly(3, 2, 1);
        assertThat(articles.revisions(id).get(0).author()).isEqualTo("editor2");
        assertThat(articles.revisions(id).get(0).note()).isEqualTo("restored revision 1");
    }

    @Test
    void anAutosaveIsPerUserAndASaveClearsIt() {
        long id = articles.createDraft(edit("حفظ تلقائي", "<p>ن</p>"), "writer1");
        articles.autosave(id, edit("نص يُكتب", "<p>جار</p>"), article(id).version(), "writer1");
        assertThat(articles.autosave(id, "writer1")).get().extracting(a -> a.content().title()).isEqualTo("نص يُكتب");
        assertThat(articles.autosave(id, "writer2")).isEmpty();
        assertThat(article(id).title()).isEqualTo("حفظ تلقائي");
        articles.save(id, edit("محفوظ", "<p>ن</p>"), article(id).version(), "writer1");
        assertThat(articles.autosave(id, "writer1")).isEmpty();
    }

    @Test
    void theWorkflowAllowsItsMovesAndRefusesTheOthers() {
        long id = articles.createDraft(edit("سير العمل", "<p>ن</p>"), "writer1");
        articles.unpublish(id); // unpublishing a draft changes nothing
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
        articles.submit(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SUBMITTED);
        assertThatThrownBy(() -> articles.submit(id)).isInstanceOf(WorkflowException.class);
        articles.backToDraft(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
        assertThatThrownBy(() -> articles.backToDraft(id)).isInstanceOf(WorkflowException.class);
        articles.publish(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(article(id).publishedAt()).isNotNull();
        assertThatThrownBy(() -> articles.publish(id)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> articles.submit(id)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> articles.schedule(id, OffsetDateTime.now().plusHours(1))).isInstanceOf(WorkflowException.class);
        articles.unpublish(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.UNPUBLISHED);
        articles.backToDraft(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
    }

    @Test
    void schedulingNeedsAFutureTimeAndCreatesOnePersistentJob() {
        long id = articles.createDraft(edit("للجدولة", "<p>ن</p>"), "editor1");
        assertThatThrownBy(() -> articles.schedule(id, OffsetDateTime.now().minusMinutes(1)))
                .isInstanceOf(WorkflowException.class);
        articles.schedule(id, OffsetDateTime.now().plusHours(2));
        articles.schedule(id, OffsetDateTime.now().plusHours(3)); // rescheduling replaces the job
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(jobs(id)).isEqualTo(1);
        articles.backToDraft(id);
        assertThat(jobs(id)).isZero();
    }

    @Test
    void publishingNeedsAltTextForEveryImage() {
        long id = articles.createDraft(edit("صورة", "<p>ن</p><figure><img src=\"https://example.com/a.jpg\"></figure>"), "editor1");
        assertThatThrownBy(() -> articles.publish(id)).isInstanceOfSatisfying(WorkflowException.class,
                e -> assertThat(e.arabicMessage()).contains("نصاً بديلاً"));
        articles.save(id, edit("صورة", "<p>ن</p><figure><img src=\"https://example.com/a.jpg\" alt=\"وصف\"></figure>"),
                article(id).version(), "editor1");
        articles.publish(id);
        assertThat(article(id).published()).isTrue();
    }

    @Test
    void deletingRemovesTheArticleAndItsRevisions() {
        long id = articles.createDraft(edit("للحذف", "<p>ن</p>"), "editor1");
        articles.delete(id);
        assertThat(articles.find(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from article_revision where article_id = ?").param(id).query(Long.class).single())
                .isZero();
    }

    private long jobs(long id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'publish-article' and task_instance = ?")
                .param(Long.toString(id)).query(Long.class).single();
    }
}
