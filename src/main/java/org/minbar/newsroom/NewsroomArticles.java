package org.minbar.newsroom;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.minbar.article.Article;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.ArticleStatus;
import org.minbar.system.AuditLog;
import org.minbar.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The one way the newsroom's pages and its JSON API change articles, so that both enforce the same
 * rules: the role checks of {@link Workflow}, then the article service, then the audit log.
 */
@Service
class NewsroomArticles {

    private final ArticleEditing editing;
    private final ArticleWorkflow workflow;
    private final AuditLog audit;

    NewsroomArticles(ArticleEditing editing, ArticleWorkflow workflow, AuditLog audit) {
        this.editing = editing;
        this.workflow = workflow;
        this.audit = audit;
    }

    /** Who is acting: name, role and address (for the audit log). */
    record Actor(String username, Role role, String address) {
    }

    Article view(Actor actor, long id) {
        Article article = editing.find(id).orElseThrow(() -> new NotFound(id));
        if (!Workflow.canView(actor.role(), actor.username(), article)) {
            throw new AccessDeniedException(actor.username() + " may not see article " + id);
        }
        return article;
    }

    long create(Actor actor, ArticleEdit edit) {
        long id = editing.createDraft(edit, actor.username());
        audit.record(actor.username(), "article-created", "article " + id, edit.title(), actor.address());
        return id;
    }

    /**
     * The edit is made only once the actor may edit the article: making it creates the tags it names,
     * and a refused save must write nothing.
     */
    int save(Actor actor, long id, Supplier<ArticleEdit> edit, int version) {
        requireEditable(actor, id);
        return editing.save(id, edit.get(), version, actor.username());
    }

    void autosave(Actor actor, long id, Supplier<ArticleEdit> edit, int version) {
        requireEditable(actor, id);
        editing.autosave(id, edit.get(), version, actor.username());
    }

    int restore(Actor actor, long id, int revision, int version) {
        requireEditable(actor, id);
        if (editing.revision(id, revision).isEmpty()) {
            throw new NotFound(id, revision);
        }
        int newVersion = editing.restore(id, revision, version, actor.username());
        audit.record(actor.username(), "revision-restored", "article " + id, "revision " + revision, actor.address());
        return newVersion;
    }

    void step(Actor actor, long id, Workflow.Step step, OffsetDateTime at) {
        Article article = view(actor, id);
        if (!Workflow.steps(actor.role(), actor.username(), article).contains(step)) {
            throw new AccessDeniedException(actor.username() + " (" + actor.role() + ") may not " + step + " article " + id
                    + " (" + article.status() + ")");
        }
        switch (step) {
            case SUBMIT -> workflow.submit(id);
            case WITHDRAW, TO_DRAFT -> workflow.backToDraft(id);
            case PUBLISH -> workflow.publish(id);
            case SCHEDULE -> {
                if (at == null) {
                    throw new IllegalArgumentException("scheduling needs a time");
                }
                workflow.schedule(id, at);
            }
            case UNPUBLISH -> workflow.unpublish(id);
            case FEATURE -> workflow.feature(id, true);
            case UNFEATURE -> workflow.feature(id, false);
            case DELETE -> workflow.delete(id);
        }
        audit.record(actor.username(), "article-" + step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "article " + id, article.title() + (at != null && step == Workflow.Step.SCHEDULE ? " @ " + at : ""),
                actor.address());
    }

    /**
     * Why scheduled publishing held these articles back, by id: for each submitted article whose
     * latest audit entry is the scheduler's refusal (a later workflow step, which is audited too,
     * ends it). The article lists and the editor show it so that the editors see why it is not live.
     */
    Map<Long, String> publishingBlocked(Map<Long, ArticleStatus> statuses) {
        List<String> subjects = statuses.entrySet().stream().filter(e -> e.getValue() == ArticleStatus.SUBMITTED)
                .map(e -> "article " + e.getKey()).toList();
        Map<Long, String> reasons = new HashMap<>();
        audit.latestBySubject(subjects).forEach((subject, entry) -> {
            if (ArticleWorkflow.PUBLISH_BLOCKED.equals(entry.action())) {
                reasons.put(Long.parseLong(subject.substring("article ".length())), entry.detail());
            }
        });
        return reasons;
    }

    private void requireEditable(Actor actor, long id) {
        Article article = view(actor, id);
        if (!Workflow.canEdit(actor.role(), actor.username(), article)) {
            throw new AccessDeniedException(actor.username() + " may not edit article " + id + " (" + article.status() + ")");
        }
    }

    /** No such article (or revision of it): 404, the newsroom's page or problem details. */
    static class NotFound extends ProblemException {
        NotFound(long id) {
            super(HttpStatus.NOT_FOUND, "لا مقال بالرقم " + id + ".");
        }

        NotFound(long id, int revision) {
            super(HttpStatus.NOT_FOUND, "لا نسخة بالرقم " + revision + " من المقال " + id + ".");
        }
    }
}
