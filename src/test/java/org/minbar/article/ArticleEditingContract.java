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
    ArticleEditing editing;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    ArticleImport imports;

    @Autowired
    org.minbar.taxonomy.TaxonomyService taxonomy;

    @Autowired
    JdbcClient jdbc;

    static ArticleEdit edit(String title, String body) {
        return new ArticleEdit(title, body, null, "ليفانت-خاص", null, List.of(),
                List.of(new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED))),
                null, null, null, "عنوان للبحث", "وصف للبحث", true);
    }

    private Article article(long id) {
        return editing.find(id).orElseThrow();
    }

    @Test
    void aDraftIsOwnedAndItsFirstRevisionIsItsContent() {
        long id = editing.createDraft(edit("مسودة أولى", "<p>نص</p><script>x()</script>"), "writer1");
        Article draft = article(id);
        assertThat(draft.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(draft.createdBy()).isEqualTo("writer1");
        assertThat(draft.bodyHtml()).isEqualTo("<p>نص</p>");
        assertThat(draft.seoTitle()).isEqualTo("عنوان للبحث");
        assertThat(draft.contributors()).extracting(Contributor::name).containsExactly("أحمد قطمة");
        assertThat(editing.revisions(id)).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.author()).isEqualTo("writer1");
            assertThat(r.content().title()).isEqualTo("مسودة أولى");
        });
    }

    @Test
    void aSaveBasedOnAnOldVersionIsAConflictAndWritesNothing() {
        long id = editing.createDraft(edit("قبل", "<p>أ</p>"), "editor1");
        int opened = article(id).version();
        int next = editing.save(id, edit("بعد الأول", "<p>ب</p>"), opened, "editor1");
        assertThat(next).isEqualTo(opened + 1).isEqualTo(article(id).version());
        assertThatThrownBy(() -> editing.save(id, edit("بعد الثاني", "<p>ج</p>"), opened, "editor2"))
                .isInstanceOfSatisfying(EditConflictException.class, conflict -> {
                    assertThat(conflict.current().title()).isEqualTo("بعد الأول");
                    assertThat(conflict.attempted().title()).isEqualTo("بعد الثاني");
                });
        assertThat(article(id).title()).isEqualTo("بعد الأول");
        assertThat(editing.revisions(id)).hasSize(2);
    }

    @Test
    void restoringARevisionAddsANewRevisionWithTheOldContent() {
        long id = editing.createDraft(edit("النسخة ١", "<p>واحد</p>"), "editor1");
        editing.save(id, edit("النسخة ٢", "<p>اثنان</p>"), article(id).version(), "editor1");
        editing.restore(id, 1, article(id).version(), "editor2");
        assertThat(article(id).title()).isEqualTo("النسخة ١");
        assertThat(editing.revisions(id)).extracting(Revision::number).containsExactly(3, 2, 1);
        assertThat(editing.revisions(id).get(0).author()).isEqualTo("editor2");
        assertThat(editing.revisions(id).get(0).note()).isEqualTo("restored revision 1");
    }

    @Test
    void anAutosaveIsPerUserAndASaveClearsIt() {
        long id = editing.createDraft(edit("حفظ تلقائي", "<p>ن</p>"), "writer1");
        editing.autosave(id, edit("نص يُكتب", "<p>جار</p>"), article(id).version(), "writer1");
        assertThat(editing.autosave(id, "writer1")).get().extracting(a -> a.content().title()).isEqualTo("نص يُكتب");
        assertThat(editing.autosave(id, "writer2")).isEmpty();
        assertThat(article(id).title()).isEqualTo("حفظ تلقائي");
        editing.save(id, edit("محفوظ", "<p>ن</p>"), article(id).version(), "writer1");
        assertThat(editing.autosave(id, "writer1")).isEmpty();
    }

    @Test
    void theWorkflowAllowsItsMovesAndRefusesTheOthers() {
        long id = editing.createDraft(edit("سير العمل", "<p>ن</p>"), "writer1");
        workflow.unpublish(id); // unpublishing a draft changes nothing
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
        workflow.submit(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SUBMITTED);
        assertThatThrownBy(() -> workflow.submit(id)).isInstanceOf(WorkflowException.class);
        workflow.backToDraft(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
        assertThatThrownBy(() -> workflow.backToDraft(id)).isInstanceOf(WorkflowException.class);
        workflow.publish(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(article(id).publishedAt()).isNotNull();
        assertThatThrownBy(() -> workflow.publish(id)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> workflow.submit(id)).isInstanceOf(WorkflowException.class);
        assertThatThrownBy(() -> workflow.schedule(id, OffsetDateTime.now().plusHours(1))).isInstanceOf(WorkflowException.class);
        workflow.unpublish(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.UNPUBLISHED);
        workflow.backToDraft(id);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
    }

    @Test
    void schedulingNeedsAFutureTimeAndCreatesOnePersistentJob() {
        long id = editing.createDraft(edit("للجدولة", "<p>ن</p>"), "editor1");
        assertThatThrownBy(() -> workflow.schedule(id, OffsetDateTime.now().minusMinutes(1)))
                .isInstanceOf(WorkflowException.class);
        workflow.schedule(id, OffsetDateTime.now().plusHours(2));
        workflow.schedule(id, OffsetDateTime.now().plusHours(3)); // rescheduling replaces the job
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(jobs(id)).isEqualTo(1);
        workflow.backToDraft(id);
        assertThat(jobs(id)).isZero();
    }

    @Test
    void publishingNeedsAltTextForEveryImage() {
        long id = editing.createDraft(edit("صورة", "<p>ن</p><figure><img src=\"https://example.com/a.jpg\"></figure>"), "editor1");
        assertThatThrownBy(() -> workflow.publish(id)).isInstanceOfSatisfying(WorkflowException.class,
                e -> assertThat(e.arabicMessage()).contains("نصاً بديلاً"));
        editing.save(id, edit("صورة", "<p>ن</p><figure><img src=\"https://example.com/a.jpg\" alt=\"وصف\"></figure>"),
                article(id).version(), "editor1");
        workflow.publish(id);
        assertThat(article(id).published()).isTrue();
    }

    @Test
    void deletingRemovesTheArticleAndItsRevisions() {
        long id = editing.createDraft(edit("للحذف", "<p>ن</p>"), "editor1");
        workflow.delete(id);
        assertThat(editing.find(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from article_revision where article_id = ?").param(id).query(Long.class).single())
                .isZero();
    }

    private long jobs(long id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'publish-article' and task_instance = ?")
                .param(Long.toString(id)).query(Long.class).single();
    }

    // ---------------------------------------------------------------- one way to create an article

    @Test
    void anImportedArticleIsCreatedLikeTheEditorsWithTheSameCleaningLimitsAndARevision() {
        long id = imports.create(new ArticleDraft("مقال مستورد", "<p>نص</p><script>x()</script>", null, ArticleStatus.PUBLISHED,
                "م".repeat(1000), null, List.of(), List.of(new Contributor("ك".repeat(300), List.of(ContributorRole.PREPARED)),
                        new Contributor("بلا دور", List.of())),
                "javascript:alert(1)", "صورة", OffsetDateTime.parse("2019-05-01T10:00:00+03:00")));
        Article stored = article(id);
        assertThat(stored.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(stored.publishedAt()).isEqualTo(OffsetDateTime.parse("2019-05-01T07:00:00Z"));
        assertThat(stored.bodyHtml()).isEqualTo("<p>نص</p>");
        assertThat(stored.leadImageUrl()).as("a lead image address that is not ours or https is dropped").isNull();
        assertThat(stored.sourceLabel()).hasSize(200);
        assertThat(stored.contributors()).singleElement().satisfies(c -> assertThat(c.name()).hasSize(200));
        assertThat(editing.revisions(id)).singleElement().satisfies(r -> {
            assertThat(r.author()).isEqualTo(ArticleImport.IMPORTER);
            assertThat(r.content().title()).isEqualTo("مقال مستورد");
        });
    }

    @Test
    void anImportedArticleIsPublishedOnlyWhenItsPageIsWholeAndNothingIsLeftWhenItIsNot() {
        org.minbar.taxonomy.Section cartoons = taxonomy.ensureSection("cartoons-" + System.nanoTime(), "كاريكاتير",
                org.minbar.taxonomy.SectionKind.IMAGE_LED);
        long before = editing.countAll();
        assertThatThrownBy(() -> imports.create(new ArticleDraft("رسم بلا صورة", "<p>تعليق</p>", null, ArticleStatus.PUBLISHED,
                null, cartoons.id(), List.of(), List.of(), null, null, null)))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.arabicMessage()).contains("صورة رئيسية"));
        assertThat(editing.countAll()).as("the refused import left no draft behind").isEqualTo(before);
    }

    @Test
    void anArchiveArticleWithImagesWithoutAltTextImportsAndReimportsButTheNewsroomMustAddTheAltText() {
        String body = "<p>نص</p><img src=\"/media/a.jpg\">";
        long id = imports.create(new ArticleDraft("من الأرشيف", body, null, ArticleStatus.PUBLISHED, null, null, List.of(),
                List.of(), null, null, OffsetDateTime.parse("2015-01-01T00:00:00Z")));
        assertThat(article(id).published()).isTrue();
        ArticleEdit changed = new ArticleEdit("من الأرشيف (معدّل)", body, null, null, null, List.of(), List.of(), null, null,
                null, null, null, true);
        imports.update(id, changed, article(id).version(), ArticleImport.IMPORTER);
        assertThat(article(id).title()).isEqualTo("من الأرشيف (معدّل)");
        assertThatThrownBy(() -> editing.save(id, changed, article(id).version(), "editor1"))
                .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.arabicMessage()).contains("alt"));
        workflow.unpublish(id);
        assertThatThrownBy(() -> workflow.publish(id)).isInstanceOf(WorkflowException.class);
    }

}
