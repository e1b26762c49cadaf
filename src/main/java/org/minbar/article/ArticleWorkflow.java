package org.minbar.article;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves articles through their lifecycle ({@link ArticleTransition}), checking each move's
 * publishing rules, and featuring and deleting them. Every path that changes a status comes here:
 * the newsroom, its API, the scheduler and the importers. Publishes {@link ArticlePublished},
 * {@link ArticleUnpublished} and {@link ArticleChanged}.
 */
@Service
public class ArticleWorkflow {

    /** The audit log's action when a scheduled article was not published because it broke the publishing rules. */
    public static final String PUBLISH_BLOCKED = "article-publish-blocked";

    private final ArticleRepository repository;
    private final TaxonomyService taxonomy;
    private final ApplicationEventPublisher events;
    // Looked up when needed: the scheduler knows every job, and some jobs (the newsletter's) read articles.
    private final ObjectProvider<SchedulerClient> jobs;
    private final OneTimeTask<Void> publishTask;
    private final Clock clock = Clock.systemUTC();

    ArticleWorkflow(ArticleRepository repository, TaxonomyService taxonomy, ApplicationEventPublisher events,
            ObjectProvider<SchedulerClient> jobs, OneTimeTask<Void> publishArticleTask) {
        this.repository = repository;
        this.taxonomy = taxonomy;
        this.events = events;
        this.jobs = jobs;
        this.publishTask = publishArticleTask;
    }

    /** Draft → submitted (for an editor to review). */
    @Transactional
    public void submit(long id) {
        move(require(id), ArticleTransition.SUBMIT, null);
    }

    /** Submitted, scheduled or unpublished → draft again (a schedule is cancelled). */
    @Transactional
    public void backToDraft(long id) {
        move(require(id), ArticleTransition.BACK_TO_DRAFT, null);
    }

    /** Draft, submitted, scheduled or unpublished → published now (a republished article keeps its first date). */
    @Transactional
    public void publish(long id) {
        Article article = require(id);
        move(article, ArticleTransition.PUBLISH,
                article.publishedAt() == null || article.status() == ArticleStatus.SCHEDULED ? now() : null);
    }

    /** Draft, submitted, unpublished or scheduled → published at {@code at} by a persistent job (also across restarts). */
    @Transactional
    public void schedule(long id, OffsetDateTime at) {
        Article article = require(id);
        if (!at.isAfter(OffsetDateTime.now(clock))) {
            throw new WorkflowException("The publishing time " + at + " is not in the future", "وقت النشر المجدول يجب أن يكون في المستقبل.");
        }
        move(article, ArticleTransition.SCHEDULE, at.withOffsetSameInstant(ZoneOffset.UTC));
        jobs.getObject().schedule(publishTask.instance(Long.toString(id)), at.toInstant());
    }

    /** Takes a published article off the site; its address then answers 404. An article not on the site stays as it is. */
    @Transactional
    public void unpublish(long id) {
        Article article = require(id);
        if (article.published()) {
            move(article, ArticleTransition.UNPUBLISH, null);
        }
    }

    /** An article another site had published, published here under its original date (null: now). */
    @Transactional
    public void publishImported(long id, OffsetDateTime originallyPublished) {
        move(require(id), ArticleTransition.PUBLISH_IMPORTED, importedDate(originallyPublished));
    }

    /** An article that is not public on the other site, kept here unpublished with its date. */
    @Transactional
    public void unpublishImported(long id, OffsetDateTime date) {
        move(require(id), ArticleTransition.UNPUBLISH_IMPORTED, date == null ? null : utc(date));
    }

    /** As {@link #publishImported}, for a draft just created: its content is known, so it is not read back. */
    void publishImported(ArticleEditing.Created draft, OffsetDateTime originallyPublished) {
        move(draft.id(), ArticleStatus.DRAFT, draft.content(), ArticleTransition.PUBLISH_IMPORTED, importedDate(originallyPublished));
    }

    /** As {@link #unpublishImported}, for a draft just created. */
    void unpublishImported(ArticleEditing.Created draft, OffsetDateTime date) {
        move(draft.id(), ArticleStatus.DRAFT, draft.content(), ArticleTransition.UNPUBLISH_IMPORTED, date == null ? null : utc(date));
    }

    private OffsetDateTime importedDate(OffsetDateTime originallyPublished) {
        return originallyPublished == null ? now() : utc(originallyPublished);
    }

    /**
     * Features an article (it leads the home page while published; the most recently featured
     * wins) or clears the mark. Returns false when it was already so. A change is an
     * {@link ArticleChanged}: the cached home page shows the lead story.
     */
    @Transactional
    public boolean feature(long id, boolean featured) {
        require(id);
        boolean changed = repository.setFeatured(id, featured ? now() : null);
        if (changed) {
            events.publishEvent(new ArticleChanged(id));
        }
        return changed;
    }

    /** Deletes the article, its revisions and links; readers get 404 (and the index forgets it). */
    @Transactional
    public void delete(long id) {
        Article article = require(id);
        cancelScheduledPublishing(id);
        repository.delete(id);
        if (article.published()) {
            events.publishEvent(new ArticleUnpublished(id));
        }
    }

    /**
     * The scheduled-publishing job's step, run inside its transaction: publishes the article when it
     * is still scheduled and due and passes the rules of {@link ArticleTransition#PUBLISH_DUE}. Content
     * saved after scheduling can break them; then the article is held back to submitted (the editors'
     * queue) and the Arabic reason is returned for the audit log and the newsroom. Empty when the
     * article was published or no longer due.
     */
    Optional<String> publishScheduled(long id) {
        Optional<Article> found = repository.find(id).filter(a -> a.status() == ArticleStatus.SCHEDULED);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<WorkflowException> refused = ArticleTransition.PUBLISH_DUE.rules().violation(id, ArticleEdit.of(found.get()), taxonomy);
        if (refused.isPresent()) {
            transition(id, ArticleTransition.HOLD_BACK, null);
            return Optional.of(refused.get().arabicMessage());
        }
        // Only if still scheduled and due: an editor may have unpublished or rescheduled it since.
        if (repository.publishScheduled(id, now())) {
            events.publishEvent(new ArticlePublished(id));
        }
        return Optional.empty();
    }

    private void move(Article article, ArticleTransition transition, OffsetDateTime publishedAt) {
        move(article.id(), article.status(), ArticleEdit.of(article), transition, publishedAt);
    }

    private void move(long id, ArticleStatus status, ArticleEdit content, ArticleTransition transition, OffsetDateTime publishedAt) {
        if (!transition.allowedFrom(status)) {
            throw refusedMove(id, status, transition);
        }
        transition.rules().check(id, content, taxonomy);
        if (!transition(id, transition, publishedAt)) {
            throw refusedMove(id, status, transition); // its status changed since it was read
        }
        if (status == ArticleStatus.SCHEDULED) {
            cancelScheduledPublishing(id); // a schedule ends with any move; schedule() sets the new one after this
        }
        if (transition.to() == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticlePublished(id, transition == ArticleTransition.PUBLISH_IMPORTED));
        } else if (status == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticleUnpublished(id));
        }
    }

    private boolean transition(long id, ArticleTransition transition, OffsetDateTime publishedAt) {
        return repository.transition(id, transition.from(), transition.to(), publishedAt, now());
    }

    private static WorkflowException refusedMove(long id, ArticleStatus status, ArticleTransition transition) {
        return new WorkflowException("Article " + id + " cannot go from " + status + " to " + transition.to(),
                "لا يمكن نقل المقال من حالة «" + status.arabicName() + "» إلى «" + transition.to().arabicName() + "».");
    }

    private void cancelScheduledPublishing(long id) {
        TaskInstanceId job = TaskInstanceId.of(ScheduledPublishing.TASK, Long.toString(id));
        if (jobs.getObject().getScheduledExecution(job).isPresent()) {
            jobs.getObject().cancel(job);
        }
    }

    private Article require(long id) {
        return repository.find(id).orElseThrow(() -> NoSuchArticleException.article(id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
