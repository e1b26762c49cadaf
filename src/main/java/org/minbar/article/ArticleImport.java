package org.minbar.article;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Articles made elsewhere (a WordPress export, text files, the demo content) come in here, through
 * the newsroom's own creation ({@link ArticleEditing}) and lifecycle ({@link ArticleWorkflow}): the
 * same cleaning, limits, safe image addresses and revision, and the status reached by a transition.
 */
@Service
public class ArticleImport {

    /** The revision author of articles imported without one. */
    public static final String IMPORTER = "import";

    private final ArticleEditing editing;
    private final ArticleWorkflow workflow;

    ArticleImport(ArticleEditing editing, ArticleWorkflow workflow) {
        this.editing = editing;
        this.workflow = workflow;
    }

    /** Creates the article in the draft's status and returns its id. */
    @Transactional
    public long create(ArticleDraft draft) {
        return create(draft, null, IMPORTER);
    }

    /**
     * Creates the article under {@code slug} (the old site's; null: from the title), its first
     * revision by {@code importer}, and moves it to the draft's status: published and unpublished
     * articles keep their original date ({@link ArticleTransition#PUBLISH_IMPORTED}), a scheduled one
     * is scheduled at it.
     */
    @Transactional
    public long create(ArticleDraft draft, String slug, String importer) {
        ArticleEditing.Created created = editing.create(draft.content(), slug, null, importer, draft.modifiedAt());
        switch (draft.status()) {
            case DRAFT -> {
            }
            case SUBMITTED -> workflow.submit(created.id());
            case SCHEDULED -> workflow.schedule(created.id(), draft.publishedAt());
            case PUBLISHED -> workflow.publishImported(created, draft.publishedAt());
            case UNPUBLISHED -> workflow.unpublishImported(created, draft.publishedAt());
        }
        return created.id();
    }

    /**
     * Replaces an imported article's content (a re-import of a changed post), as a save with a
     * revision by {@code importer}; a published one is held to the rules it was imported under.
     */
    @Transactional
    public int update(long id, ArticleEdit content, int expectedVersion, String importer) {
        return update(id, content, expectedVersion, importer, null);
    }

    /**
     * As {@link #update(long, ArticleEdit, int, String)}; {@code sourceModified}: when the source
     * changed it, the article's change date for readers if its content differs (null: now).
     */
    @Transactional
    public int update(long id, ArticleEdit content, int expectedVersion, String importer, java.time.OffsetDateTime sourceModified) {
        return editing.save(id, content, expectedVersion, importer, null, ArticleTransition.PUBLISH_IMPORTED.rules(), sourceModified);
    }
}
